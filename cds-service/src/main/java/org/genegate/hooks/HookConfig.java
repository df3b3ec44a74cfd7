package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.ProductAssessor;
import org.genegate.audit.AuditEventSink;
import org.genegate.audit.AuditTrail;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CardSettings;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.MonitoringCards;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.cards.OverrideReasons;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Link;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.ResourceTreeParser;
import org.genegate.gates.GateCatalog;
import org.genegate.gates.GateEngine;
import org.genegate.gates.Gates;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.monitoring.MonitoringPlans;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.orders.ProductMentions;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policies;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.policy.ProductSettings;
import org.genegate.readiness.ReadinessReport;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.TerminologyResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gate engines (plain Java, one per product policy) into the CDS Hooks HTTP layer. The policies are the
 * shipped ones unless {@code genegate.policy.files} names others; a bad file stops start-up with the loader's
 * message.
 */
@Configuration
@EnableConfigurationProperties({HookProperties.class, PolicyProperties.class})
public class HookConfig {

    @Bean
    Policies policies(PolicyProperties properties) {
        List<String> files = properties.files().stream().filter(f -> !f.isBlank()).toList();
        return files.isEmpty() ? PolicyLoader.loadShipped(Gates.ALL)
                : new Policies(files.stream().map(f -> PolicyLoader.load(Path.of(f), Gates.ALL)).toList());
    }

    @Bean
    CodeIndex codeIndex(FhirContext fhirContext) {
        return CodeIndex.load(fhirContext);
    }

    @Bean
    PrefetchTemplates prefetchTemplates(CodeIndex codeIndex) {
        return new PrefetchTemplates(codeIndex);
    }

    @Bean
    CdsServiceCatalog cdsServiceCatalog(PrefetchTemplates templates, AssessmentService assessmentService) {
        Map<ProductSettings, List<String>> products = new LinkedHashMap<>();
        for (ProductAssessor product : assessmentService.products()) {
            GateCatalog gates = product.engine().catalog();
            products.put(product.product(), product.engine().enabledGateIds().stream()
                    .map(id -> gates.summary(id)).toList());
        }
        return new CdsServiceCatalog(templates, products);
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
    AssessmentService assessmentService(FhirContext fhirContext, Policies policies, CodeIndex codeIndex,
                                        ResourceTreeParser parser, ExecutorService recordFetchExecutor,
                                        RecordAssembler recordAssembler, Clock clock) {
        List<ProductAssessor> products = new ArrayList<>();
        for (Policy policy : policies.all()) {
            ProductRecognizer recognizer = new ProductRecognizer(codeIndex, policy.product());
            products.add(new ProductAssessor(policy, recognizer, new ProductMentions(fhirContext, recognizer),
                    new GateEngine(policy, codeIndex), new PostInfusionMonitor(policy, codeIndex, recognizer)));
        }
        return new AssessmentService(products, new MedicationLookup(parser, recordFetchExecutor), recordAssembler,
                clock);
    }

    @Bean
    MonitoringPlans monitoringPlans(Policies policies) {
        return new MonitoringPlans(policies.all().stream()
                .map(p -> new MonitoringPlanBuilder(p.monitoring(), p.product())).toList());
    }

    @Bean
    ReadinessReport readinessReport(MonitoringPlans monitoringPlans) {
        return new ReadinessReport(monitoringPlans);
    }

    /** Each product's card makers: its name, links and monitoring plan. */
    @Bean
    ProductCards productCards(FhirContext fhirContext, Policies policies, MonitoringPlans monitoringPlans,
                              HookProperties properties) {
        List<CardCoding> overrideReasons = OverrideReasons.from(TerminologyResources.load(fhirContext));
        List<ProductCards.Makers> makers = new ArrayList<>();
        for (Policy policy : policies.all()) {
            List<Link> links = policy.links().stream().map(l -> new Link(l.label(), l.url(), "absolute")).toList();
            CardSettings settings = new CardSettings(properties.sourceLabel(), properties.sourceUrl(),
                    overrideReasons, links, policy.product());
            MonitoringPlanBuilder plan = monitoringPlans.of(policy.product());
            makers.add(new ProductCards.Makers(policy.product(), new CardComposer(fhirContext, settings, plan),
                    new CoverageInformationAction(fhirContext, policy.product()), new OrderNoticeCards(settings),
                    new MonitoringCards(fhirContext, settings, plan)));
        }
        return new ProductCards(makers);
    }

    @Bean
    RecordSource recordSource(FhirContext fhirContext, HttpClient remoteFhirHttpClient, HookProperties properties,
                              ObjectProvider<FhirQuery> localStore) {
        return new RecordSource(localStore.getIfAvailable(), remoteFhirHttpClient, fhirContext,
                properties.fetchBudget());
    }

    @Bean
    HookService hookService(FhirContext fhirContext, AssessmentService assessmentService, RecordSource recordSource,
                            ProductCards productCards, AuditTrail auditTrail) {
        return new HookService(new HookRequestReader(fhirContext), assessmentService, recordSource, productCards,
                auditTrail);
    }

    @Bean
    PatientViewService patientViewService(FhirContext fhirContext, AssessmentService assessmentService,
                                          RecordSource recordSource, ProductCards productCards) {
        return new PatientViewService(new HookRequestReader(fhirContext), assessmentService, recordSource,
                productCards);
    }
}
