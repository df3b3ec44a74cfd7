package org.genegate.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.FhirQueryException;
import org.genegate.fetch.InvalidRequestDataException;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.RecordRequest;
import org.genegate.fetch.ResourceTreeParser;
import org.genegate.gates.GateEngine;
import org.genegate.gates.Gates;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.orders.ProductMentions;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The one assessment path with the real recogniser, assembler, gate engine and monitor; only the clock is fixed. */
class AssessmentServiceTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AssessmentService service;

    AssessmentServiceTest() {
        CodeIndex codes = CodeIndex.load(FHIR);
        Policy policy = PolicyLoader.loadDefault(Gates.ALL);
        ProductRecognizer recognizer = new ProductRecognizer(codes, policy.product());
        ResourceTreeParser parser = new ResourceTreeParser(FHIR);
        service = new AssessmentService(List.of(new ProductAssessor(policy, recognizer,
                        new ProductMentions(FHIR, recognizer), new GateEngine(policy, codes),
                        new PostInfusionMonitor(policy, codes, recognizer))),
                new MedicationLookup(parser, EXECUTOR),
                new RecordAssembler(parser, new PrefetchTemplates(codes), EXECUTOR, Duration.ofSeconds(2)),
                Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    /** This patient and nothing else; a Medication read is "not found". */
    private final FhirQuery store = query -> {
        asked.add(query);
        if (query.equals("Patient/p1")) {
            Patient patient = new Patient();
            patient.setId("p1");
            return List.of(patient);
        }
        if (query.startsWith("Medication/")) {
            throw FhirQueryException.notFound(query + " not found", null);
        }
        return List.of();
    };

    private RecordRequest record(String encounterId) {
        return new RecordRequest("p1", encounterId, "Practitioner/u1", Map.of(), store, "https://ehr.example/fhir");
    }

    private static MedicationRequest hemgenix(String id) {
        MedicationRequest order = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setSubject(new Reference("Patient/p1"))
                .setMedication(new CodeableConcept(new Coding(HCPCS, "J1411", null)).setText("Hemgenix"));
        order.setId(id);
        return order;
    }

    @Test
    void everyHemgenixOrderIsJudgedOnOneRecordDatedByItsAuthoredOnElseTheClock() {
        MedicationRequest authored = hemgenix("mr1");
        authored.setAuthoredOnElement(new DateTimeType("2026-11-20"));
        MedicationRequest undated = hemgenix("mr2");

        OrderAssessments result = service.assessOrders(AssessmentRequest.allOrders(record(null),
                SentOrders.exact(List.of(authored, undated))));

        assertThat(result.assessed()).extracting(a -> a.order().orderDate())
                .containsExactly(LocalDate.of(2026, 11, 20), TODAY);
        assertThat(result.assessed()).allSatisfy(a -> {
            assertThat(a.order().userId()).isEqualTo("Practitioner/u1");
            assertThat(a.repairs()).isEmpty();
        });
        assertThat(result.today()).isEqualTo(TODAY);
        // One record for both orders: each query of it is asked once.
        assertThat(asked).doesNotHaveDuplicates().contains("Patient/p1");
    }

    @Test
    void aSelectionJudgesOnlyTheSelectedOrderWithTheOthersAsCompanions() {
        ServiceRequest infusion = new ServiceRequest();
        infusion.setId("sr1");
        infusion.setCode(new CodeableConcept().setText("Hemgenix infusion"));

        OrderAssessments result = service.assessOrders(new AssessmentRequest(record(null),
                SentOrders.exact(List.of(hemgenix("mr1"), hemgenix("mr2"), infusion)),
                Set.of("MedicationRequest/mr2")));

        assertThat(result.assessed()).singleElement().satisfies(a -> {
            assertThat(a.order().request().getIdElement().getIdPart()).isEqualTo("mr2");
            assertThat(a.order().otherOrders()).extracting(r -> r.getIdElement().getIdPart())
                    .containsExactlyInAnyOrder("mr1", "sr1");
        });
        assertThat(result.notices()).isEmpty();
    }

    @Test
    void ordersNamingHemgenixThatCannotBeJudgedAreNotices() {
        ServiceRequest infusion = new ServiceRequest();
        infusion.setId("sr1");
        infusion.setCode(new CodeableConcept().setText("Hemgenix infusion"));
        MedicationRequest byReference = hemgenix("mr3").setMedication(new Reference("Medication/m9"));

        OrderAssessments result = service.assessOrders(AssessmentRequest.allOrders(record(null),
                SentOrders.exact(List.of(infusion, byReference))));

        assertThat(result.assessed()).isEmpty();
        assertThat(result.record()).isNull();
        assertThat(result.notices()).extracting(OrderNotice::kind).containsExactlyInAnyOrder(
                OrderNotice.Kind.MEDICATION_UNVERIFIED, OrderNotice.Kind.NOT_A_MEDICATION_REQUEST);
        assertThat(result.notices()).filteredOn(n -> n.kind() == OrderNotice.Kind.MEDICATION_UNVERIFIED)
                .singleElement().satisfies(n -> {
                    assertThat(n.order()).isEqualTo("MedicationRequest/mr3");
                    assertThat(n.subject()).isEqualTo("Medication/m9");
                    assertThat(n.reason()).contains("Medication/m9");
                });
    }

    @Test
    void aBrokenContainerFailsTheCallOnlyWhenAHemgenixOrderIsInIt() {
        MedicationRequest other = hemgenix("mr9").setMedication(new CodeableConcept().setText("amoxicillin"));

        assertThatThrownBy(() -> service.assessOrders(AssessmentRequest.allOrders(record(null),
                new SentOrders(List.of(SentOrder.exact(hemgenix("mr1"))), "Bundle.type is not a code"))))
                .isInstanceOf(InvalidRequestDataException.class).hasMessage("Bundle.type is not a code");
        assertThat(service.assessOrders(AssessmentRequest.allOrders(record(null),
                new SentOrders(List.of(SentOrder.exact(other)), "Bundle.type is not a code"))).isEmpty()).isTrue();
    }

    @Test
    void aRepairedOrderIsJudgedAndKeepsWhatWasRepaired() {
        OrderAssessments result = service.assessOrders(AssessmentRequest.allOrders(record(null),
                new SentOrders(List.of(new SentOrder(hemgenix("mr1"), List.of("unknown element x (ignored)"), null)),
                        null)));

        assertThat(result.assessed()).singleElement()
                .satisfies(a -> assertThat(a.repairs()).containsExactly("unknown element x (ignored)"));
    }

    @Test
    void withoutAnOrderThePatientIsJudgedAsOfTheGivenDayElseTheClock() {
        PatientAssessment onDay = service.assessWithoutOrder(record(null), LocalDate.of(2026, 12, 1), null);
        PatientAssessment today = service.assessWithoutOrder(record(null), null, null);

        assertThat(onDay.assessment().order().orderDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(onDay.assessment().order().proposed()).isFalse();
        assertThat(today.assessment().order().orderDate()).isEqualTo(TODAY);
        assertThat(today.record().patient()).isPresent();
    }

    @Test
    void theMonitoringReviewIsAsOfTheVisitElseTheClock() {
        Encounter visit = new Encounter().setSubject(new Reference("Patient/p1"))
                .setPeriod(new Period().setStartElement(new DateTimeType("2026-12-03")));
        visit.setId("e1");
        FhirQuery withVisit = query -> query.startsWith("Encounter") ? List.<Resource>of(visit) : store.run(query);

        MonitoringAssessment inVisit = service.reviewMonitoring(new RecordRequest("p1", "e1", null, Map.of(),
                withVisit, "https://ehr.example/fhir"));
        MonitoringAssessment noVisit = service.reviewMonitoring(record(null));

        assertThat(inVisit.asOf()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(noVisit.asOf()).isEqualTo(TODAY);
        // Nothing was administered: no review, so no alerts.
        assertThat(noVisit.review()).isEmpty();
        assertThat(AssessmentService.MONITORING_PARTS).contains(RecordPart.ENCOUNTER);
    }
}
