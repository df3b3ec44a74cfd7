package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.AuditTrail;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CardSettings;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.Link;
import org.genegate.cards.MonitoringCards;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.cards.OverrideReasons;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.gates.GateEngine;
import org.genegate.gates.Gates;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.orders.HemgenixMentions;
import org.genegate.orders.HemgenixOrderRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.readiness.ReadinessReport;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.TerminologyResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gate engine (plain Java) into the CDS Hooks HTTP layer. The policy comes from the shipped
 * file unless {@code genegate.policy.file} names another; a bad file stops start-up with the loader's message.
 */
@Configuration
@EnableConfigurationProperties(HookProperties.class)
public class HookConfig {

    @Bean
    Policy policy(@Value("${genegate.policy.file:}") String policyFile) {
        return policyFile.isBlank() ? PolicyLoader.loadDefault(Gates.ALL)
                : PolicyLoader.load(Path.of(policyFile), Gates.ALL);
    }

    @Bean
    CodeIndex codeIndex(FhirContext fhirContext) {
        return CodeIndex.load(fhirContext);
    }

    @Bean
    GateEngine gateEngine(Policy policy, CodeIndex codeIndex) {
        return new GateEngine(policy, codeIndex);
    }

    @Bean
    PrefetchTemplates prefetchTemplates(CodeIndex codeIndex) {
        return new PrefetchTemplates(codeIndex);
    }

    @Bean
    CdsServiceCatalog cdsServiceCatalog(PrefetchTemplates templates) {
        return new CdsServiceCatalog(templates);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService recordFetchExecutor(HookProperties properties) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "record-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(properties.fetchThreads(), threads);
    }

    @Bean
    HttpClient remoteFhirHttpClient(HookProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.fetchBudget())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean
    AuditTrail auditTrail(FhirContext fhirContext, HookProperties properties, ObjectProvider<AuditEventSink> sink) {
        return new AuditTrail(fhirContext, sink.getIfAvailable(), properties.sourceLabel(), Clock.systemUTC());
    }

    @Bean
    HemgenixOrderRecognizer hemgenixOrderRecognizer(CodeIndex codeIndex) {
        return new HemgenixOrderRecognizer(codeIndex);
    }

    @Bean
    RecordAssembler recordAssembler(FhirContext fhirContext, PrefetchTemplates templates,
                                    ExecutorService recordFetchExecutor, HookProperties properties) {
        return new RecordAssembler(new HookRequestReader(fhirContext), templates, recordFetchExecutor,
                properties.fetchBudget());
    }

    @Bean
    MonitoringPlanBuilder monitoringPlanBuilder(Policy policy) {
        return new MonitoringPlanBuilder(policy.monitoring());
    }

    @Bean
    ReadinessReport readinessReport(MonitoringPlanBuilder monitoringPlanBuilder) {
        return new ReadinessReport(monitoringPlanBuilder);
    }

    @Bean
    CardSettings cardSettings(FhirContext fhirContext, Policy policy, HookProperties properties) {
        List<Link> links = policy.links().stream().map(l -> new Link(l.label(), l.url(), "absolute")).toList();
        return new CardSettings(properties.sourceLabel(), properties.sourceUrl(),
                OverrideReasons.from(TerminologyResources.load(fhirContext)), links, policy.product());
    }

    @Bean
    RecordSource recordSource(FhirContext fhirContext, HttpClient remoteFhirHttpClient, HookProperties properties,
                              ObjectProvider<FhirQuery> localStore) {
        return new RecordSource(localStore.getIfAvailable(), remoteFhirHttpClient, fhirContext,
                properties.fetchBudget());
    }

    @Bean
    HookService hookService(FhirContext fhirContext, HemgenixOrderRecognizer recognizer, GateEngine engine,
                            RecordAssembler recordAssembler, MonitoringPlanBuilder planBuilder,
                            CardSettings cardSettings, RecordSource recordSource, AuditTrail auditTrail,
                            ExecutorService recordFetchExecutor, HookProperties properties) {
        HookRequestReader reader = new HookRequestReader(fhirContext);
        return new HookService(reader, recognizer, recordAssembler, engine,
                new CardComposer(fhirContext, cardSettings, planBuilder), new CoverageInformationAction(fhirContext, cardSettings.product()),
                auditTrail, recordSource, Clock.systemDefaultZone(), new HemgenixMentions(fhirContext, recognizer),
                new MedicationLookup(reader, recordFetchExecutor),
                new OrderNoticeCards(cardSettings));
    }

    @Bean
    PatientViewService patientViewService(FhirContext fhirContext, Policy policy, CodeIndex codeIndex,
                                          HemgenixOrderRecognizer recognizer, RecordAssembler recordAssembler,
                                          MonitoringPlanBuilder planBuilder, CardSettings cardSettings,
                                          RecordSource recordSource) {
        return new PatientViewService(new HookRequestReader(fhirContext), recordAssembler, recordSource,
                new PostInfusionMonitor(policy, codeIndex, recognizer),
                new MonitoringCards(fhirContext, cardSettings, planBuilder), Clock.systemDefaultZone());
    }
}
