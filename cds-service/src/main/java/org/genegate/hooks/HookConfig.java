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
import org.genegate.assessment.AssessmentService;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.AuditTrail;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CardSettings;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.MonitoringCards;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.cards.OverrideReasons;
import org.genegate.cdshooks.Link;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.ResourceTreeParser;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gate engine (plain Java) into the CDS Hooks HTTP layer. The policy comes from the shipped
 * file unless {@code genegate.policy.file} names another; a bad file stops start-up with the loader's message.
 */
@Configuration
@EnableConfigurationProperties({HookProperties.class, PolicyProperties.class})
public class HookConfig {

    @Bean
    Policy policy(PolicyProperties properties) {
        return properties.file().isBlank() ? PolicyLoader.loadDefault(Gates.ALL)
                : PolicyLoader.load(Path.of(properties.file()), Gates.ALL);
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
    CdsServiceCatalog cdsServiceCatalog(PrefetchTemplates templates, Policy policy) {
        return new CdsServiceCatalog(templates, policy.product());
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
    AuditTrail auditTrail(FhirContext fhirContext, HookProperties properties, ObjectProvider<AuditEventSink> sink,
                          Clock clock) {
        return new AuditTrail(fhirContext, sink.getIfAvailable(), properties.sourceLabel(), clock);
    }

    @Bean
    HemgenixOrderRecognizer hemgenixOrderRecognizer(CodeIndex codeIndex, Policy policy) {
        return new HemgenixOrderRecognizer(codeIndex, policy.product());
    }

    /** The one clock every assessment is dated by (this server's zone, as the order dates are written). */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }

    @Bean
    ResourceTreeParser resourceTreeParser(FhirContext fhirContext) {
        return new ResourceTreeParser(fhirContext);
    }

    @Bean
    RecordAssembler recordAssembler(ResourceTreeParser parser, PrefetchTemplates templates,
                                    ExecutorService recordFetchExecutor, HookProperties properties) {
        return new RecordAssembler(parser, templates, recordFetchExecutor, properties.fetchBudget());
    }

    @Bean
    AssessmentService assessmentService(FhirContext fhirContext, Policy policy, CodeIndex codeIndex,
                                        HemgenixOrderRecognizer recognizer, ResourceTreeParser parser,
                                        ExecutorService recordFetchExecutor, RecordAssembler recordAssembler,
                                        GateEngine engine, Clock clock) {
        return new AssessmentService(recognizer, new HemgenixMentions(fhirContext, recognizer),
                new MedicationLookup(parser, recordFetchExecutor), recordAssembler, engine,
                new PostInfusionMonitor(policy, codeIndex, recognizer), clock);
    }

    @Bean
    MonitoringPlanBuilder monitoringPlanBuilder(Policy policy) {
        return new MonitoringPlanBuilder(policy.monitoring(), policy.product());
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
    HookService hookService(FhirContext fhirContext, AssessmentService assessmentService, RecordSource recordSource,
                            MonitoringPlanBuilder planBuilder, CardSettings cardSettings, AuditTrail auditTrail) {
        return new HookService(new HookRequestReader(fhirContext), assessmentService, recordSource,
                new CardComposer(fhirContext, cardSettings, planBuilder),
                new CoverageInformationAction(fhirContext, cardSettings.product()), new OrderNoticeCards(cardSettings),
                auditTrail);
    }

    @Bean
    PatientViewService patientViewService(FhirContext fhirContext, AssessmentService assessmentService,
                                          RecordSource recordSource, MonitoringPlanBuilder planBuilder,
                                          CardSettings cardSettings) {
        return new PatientViewService(new HookRequestReader(fhirContext), assessmentService, recordSource,
                new MonitoringCards(fhirContext, cardSettings, planBuilder));
    }
}
