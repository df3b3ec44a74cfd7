package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.ProductAssessor;
import org.genegate.cards.CardComposer;
import org.genegate.cdshooks.CdsResponse;
import org.genegate.cdshooks.CdsServiceDescriptor;
import org.genegate.cdshooks.HookRequest;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.ResourceTreeParser;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateEngine;
import org.genegate.monitoring.MonitoringPlans;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policies;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.record.PatientRecord;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Where the CPU of one order-sign with full prefetch goes, without HTTP and without a database: the hook
 * service wired as {@link HookConfig} wires it, run on every scenario with its record as prefetch, timed by
 * thread CPU time (not wall time, so other work on the machine does not count). Prints microseconds per hook
 * for the whole call and its sections. Run: see docs/performance.md.
 */
public final class HookPathProfile {

    private static final Map<String, String> PREFETCH_KEY_OF_TYPE = Map.ofEntries(
            Map.entry("Condition", "conditions"), Map.entry("Observation", "observations"),
            Map.entry("MedicationRequest", "medicationRequests"), Map.entry("Medication", "medicationRequests"),
            Map.entry("MedicationStatement", "medicationStatements"),
            Map.entry("MedicationAdministration", "medicationAdministrations"), Map.entry("Procedure", "procedures"),
            Map.entry("DiagnosticReport", "diagnosticReports"), Map.entry("CarePlan", "carePlans"),
            Map.entry("Coverage", "coverage"), Map.entry("Encounter", "encounter"), Map.entry("Location", "encounter"),
            Map.entry("PractitionerRole", "practitionerRoles"), Map.entry("Practitioner", "practitionerRoles"));

    private HookPathProfile() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("profile.rounds", 200);
        // Console logging would be measured too; the server writes one line per hook, measured separately below.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        FhirContext fhir = FhirContext.forR4Cached();
        HookConfig config = new HookConfig();
        Policies policies = config.policies(new PolicyProperties(List.of()));
        CodeIndex codes = config.codeIndex(fhir);
        PrefetchTemplates templates = config.prefetchTemplates(codes);
        HookProperties properties = new HookProperties(null, null, null, null, null, null);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        StaticListableBeanFactory noBeans = new StaticListableBeanFactory();
        HookRequestReader reader = new HookRequestReader(fhir);
        ResourceTreeParser parser = config.resourceTreeParser(fhir);
        RecordAssembler assembler = config.recordAssembler(parser, templates, executor, properties);
        MonitoringPlans plans = config.monitoringPlans(policies);
        ProductCards productCards = config.productCards(fhir, policies, plans, properties);
        RecordSource recordSource = config.recordSource(fhir, HttpClient.newHttpClient(), properties,
                noBeans.getBeanProvider(org.genegate.fetch.FhirQuery.class));
        Clock clock = config.clock();
        AssessmentService assessmentService = config.assessmentService(fhir, policies, codes, parser, executor,
                assembler, clock);
        HookService service = config.hookService(fhir, assessmentService, recordSource, productCards,
                config.auditTrail(fhir, properties, noBeans.getBeanProvider(org.genegate.audit.AuditEventSink.class),
                        clock));
        CdsServiceDescriptor sign = config.cdsServiceCatalog(templates, assessmentService).find(CdsServiceCatalog.ORDER_SIGN_ID)
                .orElseThrow();
        ObjectMapper springJson = Jackson2ObjectMapperBuilder.json().build();

        List<String> bodies = new ArrayList<>();
        for (Scenario scenario : Scenarios.all()) {
            bodies.add(requestWithPrefetch(fhir, scenario).toString());
        }
        List<HookRequest> requests = new ArrayList<>();
        List<DraftOrder> orders = new ArrayList<>();
        List<PatientRecord> records = new ArrayList<>();
        List<Assessment> assessments = new ArrayList<>();
        // Each scenario's order is assessed by the product that recognises it (Hemgenix or Roctavian).
        List<GateEngine> engines = new ArrayList<>();
        List<CardComposer> composers = new ArrayList<>();
        for (String body : bodies) {
            HookRequest request = reader.read(body, "order-sign");
            requests.add(request);
            MedicationRequest order = firstOrder(request);
            ProductAssessor product = assessmentService.products().stream()
                    .filter(candidate -> candidate.recognizer().recognize(order, List.of(order)).isPresent())
                    .findFirst().orElseThrow();
            ProductRecognizer recognizer = product.recognizer();
            engines.add(product.engine());
            composers.add(productCards.of(product.product()).composer());
            orders.add(new DraftOrder(order, recognizer.recognize(order, List.of(order)).orElseThrow(), List.of(),
                    Scenarios.loadDay()));
            records.add(assembler.assemble(recordSource.recordRequest(request), order));
            assessments.add(product.engine().assess(records.get(records.size() - 1), orders.get(orders.size() - 1)));
        }
        List<CdsResponse> answers = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            answers.add(service.handle(sign, bodies.get(i), null));
        }
        ObjectMapper plain = new ObjectMapper();
        List<JsonNode> prefetchTrees = new ArrayList<>();
        List<JsonNode> prefetchTreesBefore = new ArrayList<>();
        for (String body : bodies) {
            prefetchTrees.add(plain.readTree(body).get("prefetch"));
            prefetchTreesBefore.add(plain.readTree(body).get("prefetch"));
        }
        System.out.printf("%d scenarios, request bodies %d..%d bytes%n", bodies.size(),
                bodies.stream().mapToInt(String::length).min().orElse(0),
                bodies.stream().mapToInt(String::length).max().orElse(0));

        for (int pass = 0; pass < 2; pass++) {
            boolean print = pass == 1; // the first pass warms the JIT up
            int n = print ? rounds : rounds / 2;
            time(print, "whole hook + JSON answer", n, bodies.size(), i -> {
                try {
                    return springJson.writeValueAsString(service.handle(sign, bodies.get(i), null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            time(print, "  read request (JSON, draft orders)", n, bodies.size(), i -> reader.read(bodies.get(i),
                    "order-sign"));
            time(print, "  assemble record from prefetch", n, bodies.size(), i -> assembler.assemble(
                    recordSource.recordRequest(requests.get(i)), firstOrder(requests.get(i))));
            time(print, "  gates", n, bodies.size(), i -> engines.get(i).assess(records.get(i), orders.get(i)));
            time(print, "  cards", n, bodies.size(), i -> composers.get(i).compose(assessments.get(i), null));
            time(print, "  answer to JSON", n, bodies.size(), i -> {
                try {
                    return springJson.writeValueAsString(answers.get(i));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Logger log = (Logger) LoggerFactory.getLogger("profile");
            log.setLevel(Level.INFO);
            time(print, "  one INFO log line to the console", n, bodies.size(), i -> {
                log.info("hook={} instance={} patient={} order={} failed={} unavailable={} in {} ms", "order-sign",
                        requests.get(i).hookInstance(), requests.get(i).context().patientId(), "order",
                        List.of("nab-aav5:FAIL"), List.of(), 1);
                return i;
            });
            time(print, "  prefetch parse: JSON tree to HAPI", n, bodies.size(), i -> parseAll(prefetchTrees.get(i),
                    node -> parser.parseRecordResource(node, "x")));
            time(print, "  prefetch parse: tree to text to HAPI (before)", n, bodies.size(),
                    i -> parseAll(prefetchTreesBefore.get(i), node -> (Resource) fhir.newJsonParser()
                            .parseResource(node.toString())));
        }
        executor.shutdownNow();
    }

    private interface Work {
        Object run(int index);
    }

    private static void time(boolean print, String what, int rounds, int size, Work work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        int calls = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < size; i++) {
                if (work.run(i) == null) {
                    throw new IllegalStateException(what + " gave nothing");
                }
                calls++;
            }
        }
        if (print) {
            System.out.printf("%-48s %8.0f us CPU per hook (%8.0f us wall), %d calls%n", what,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / calls, (System.nanoTime() - wall) / 1e3 / calls,
                    calls);
        }
    }

    private static Object parseAll(JsonNode prefetch, Function<JsonNode, Resource> parse) {
        List<Resource> parsed = new ArrayList<>();
        Iterator<JsonNode> values = prefetch.elements();
        while (values.hasNext()) {
            parsed.add(parse.apply(values.next()));
        }
        return parsed;
    }

    private static MedicationRequest firstOrder(HookRequest request) {
        return (MedicationRequest) request.context().draftOrders().orders().get(0).resource();
    }

    /** The scenario's order-sign with its whole record as prefetch, grouped the way the discovery templates group it. */
    private static ObjectNode requestWithPrefetch(FhirContext fhir, Scenario scenario) {
        HookClient client = new HookClient(0);
        ObjectNode request = client.orderSign(scenario);
        ObjectNode prefetch = request.putObject("prefetch");
        Bundle transaction = fhir.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        Map<String, Bundle> bundles = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
            Resource resource = entry.getResource();
            String type = resource.fhirType();
            if (type.equals("Patient")) {
                prefetch.set("patient", HookClient.read(fhir.newJsonParser().encodeResourceToString(resource)));
                continue;
            }
            List<String> keys = type.equals("Organization") ? List.of("coverage", "encounter")
                    : List.of(PREFETCH_KEY_OF_TYPE.getOrDefault(type, "unknown"));
            for (String key : keys) {
                bundles.computeIfAbsent(key, k -> new Bundle().setType(Bundle.BundleType.SEARCHSET))
                        .addEntry().setResource(resource);
            }
        }
        bundles.remove("unknown");
        bundles.forEach((key, bundle) -> prefetch.set(key, HookClient.read(fhir.newJsonParser()
                .encodeResourceToString(bundle))));
        for (String key : List.of("conditions", "observations", "medicationRequests", "medicationStatements",
                "medicationAdministrations", "procedures", "diagnosticReports", "carePlans", "coverage", "encounter",
                "practitionerRoles")) {
            if (!prefetch.has(key)) {
                prefetch.set(key, HookClient.read(fhir.newJsonParser().encodeResourceToString(new Bundle()
                        .setType(Bundle.BundleType.SEARCHSET))));
            }
        }
        return request;
    }
}
