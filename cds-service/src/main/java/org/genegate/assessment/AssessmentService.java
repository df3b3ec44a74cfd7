package org.genegate.assessment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.fetch.FetchDeadline;
import org.genegate.fetch.InvalidRequestDataException;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.RecordAssembler;
import org.genegate.fetch.RecordRequest;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateEngine;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.monitoring.ScheduleEntry;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.HemgenixMentions;
import org.genegate.orders.HemgenixOrderRecognizer;
import org.genegate.orders.HemgenixRecognition;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one J1411 use case behind every entry point (order-select, order-sign, patient-view, {@code $j1411-readiness},
 * {@code $j1411-check}): recognise the Hemgenix orders, read the patient's record once (prefetch, then the given
 * source), run the gates, and date everything from the injected clock. Entry points only translate their input
 * into a request and the assessments into their answer.
 */
public final class AssessmentService {

    /** The record parts the post-infusion review reads. */
    public static final Set<RecordPart> MONITORING_PARTS = EnumSet.of(RecordPart.PATIENT, RecordPart.CONDITIONS,
            RecordPart.OBSERVATIONS, RecordPart.MEDICATION_ADMINISTRATIONS, RecordPart.DIAGNOSTIC_REPORTS,
            RecordPart.CARE_PLANS, RecordPart.ENCOUNTER);

    private final HemgenixOrderRecognizer recognizer;
    private final HemgenixMentions mentions;
    private final MedicationLookup medications;
    private final RecordAssembler assembler;
    private final GateEngine engine;
    private final PostInfusionMonitor monitor;
    private final Clock clock;

    public AssessmentService(HemgenixOrderRecognizer recognizer, HemgenixMentions mentions,
                             MedicationLookup medications, RecordAssembler assembler, GateEngine engine,
                             PostInfusionMonitor monitor, Clock clock) {
        this.recognizer = recognizer;
        this.mentions = mentions;
        this.medications = medications;
        this.assembler = assembler;
        this.engine = engine;
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Today, by the service's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Every Hemgenix order of the request (only the selected ones, when there is a selection), each judged on the
     * one record. An order that names Hemgenix but cannot be judged is a notice; when a Hemgenix MedicationRequest
     * is in the request, other orders naming Hemgenix are its companions (e.g. the infusion's ServiceRequest).
     *
     * @throws InvalidRequestDataException when a Hemgenix order is among orders whose container is not valid
     */
    public OrderAssessments assessOrders(AssessmentRequest request) {
        // One fetch budget for the whole request: reading a Medication spends from it, the record gets the rest.
        FetchDeadline deadline = assembler.deadline();
        LocalDate today = today();
        Recognised recognised = recognise(request, deadline, today);
        if (!recognised.orders().isEmpty() && request.orders().problem() != null) {
            // The container of the orders is broken (not one order): nothing says which orders it holds.
            throw new InvalidRequestDataException(request.orders().problem());
        }
        if (recognised.orders().isEmpty()) {
            return new OrderAssessments(List.of(), recognised.notices(), null, today);
        }
        PatientRecord record = assembler.assemble(request.record(), recognised.orders().get(0).order().request(),
                EnumSet.allOf(RecordPart.class), deadline);
        List<OrderAssessment> assessed = new ArrayList<>();
        for (Pending pending : recognised.orders()) {
            assessed.add(new OrderAssessment(pending.order(), engine.assess(record, pending.order()),
                    pending.repairs()));
        }
        return new OrderAssessments(assessed, recognised.notices(), record, today);
    }

    /**
     * The patient's readiness without an order (dose and coding then say what they need).
     *
     * @param asOf the day to judge on; null for today
     */
    public PatientAssessment assessWithoutOrder(RecordRequest request, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : today();
        PatientRecord record = assembler.assemble(request, null);
        return new PatientAssessment(engine.assess(record, DraftOrder.none(request.patientId(), day)), record);
    }

    /**
     * The post-infusion review, judged on the day of the visit (the request's encounter's start), else today, as
     * orders are judged on their own date: a chart opened in a visit is reviewed as of that visit.
     */
    public MonitoringAssessment reviewMonitoring(RecordRequest request) {
        PatientRecord record = assembler.assemble(request, null, MONITORING_PARTS, assembler.deadline());
        LocalDate asOf = visitDay(record, request.encounterId()).orElseGet(this::today);
        return new MonitoringAssessment(monitor.review(record, asOf), asOf);
    }

    /**
     * Where the patient stands today, for the coordinator's worklist and patient page: the gates without an order
     * and the post-infusion review with its schedule, judged on one read of the whole record.
     */
    public StandingAssessment assessStanding(RecordRequest request) {
        LocalDate day = today();
        PatientRecord record = assembler.assemble(request, null, EnumSet.allOf(RecordPart.class),
                assembler.deadline());
        Assessment readiness = engine.assess(record, DraftOrder.none(request.patientId(), day));
        Optional<MonitoringReview> review = monitor.review(record, day);
        List<ScheduleEntry> schedule = review.map(r -> monitor.schedule(record, r)).orElse(List.of());
        return new StandingAssessment(readiness, review, schedule, day);
    }

    private record Pending(DraftOrder order, List<String> repairs) {
    }

    private record Recognised(List<Pending> orders, List<OrderNotice> notices) {
    }

    private Recognised recognise(AssessmentRequest request, FetchDeadline deadline, LocalDate today) {
        RecordRequest record = request.record();
        List<SentOrder> sent = request.orders().orders();
        List<Resource> all = request.orders().resources();
        List<Pending> orders = new ArrayList<>();
        List<OrderNotice> unverified = new ArrayList<>();
        List<OrderNotice> named = new ArrayList<>();
        List<Resource> known = null;
        for (SentOrder order : sent) {
            Resource resource = order.resource();
            if (!selected(request, resource)) {
                continue;
            }
            if (!(resource instanceof MedicationRequest medicationRequest)) {
                mentions.find(resource).ifPresent(m -> named.add(new OrderNotice(
                        OrderNotice.Kind.NOT_A_MEDICATION_REQUEST, OrderNames.describe(resource), m, null)));
                continue;
            }
            Optional<HemgenixRecognition> recognition = recognizer.recognize(medicationRequest, all);
            if (recognition.isEmpty() && medicationRequest.getMedication() instanceof Reference reference
                    && References.resolve(reference, Medication.class, medicationRequest, all).isEmpty()) {
                if (known == null) {
                    known = new ArrayList<>(all);
                    known.addAll(medications.prefetched(record.prefetch()));
                }
                Optional<Medication> prefetched = References.resolve(reference, Medication.class, medicationRequest,
                        known);
                MedicationLookup.Found found = prefetched.map(m -> new MedicationLookup.Found(m, null))
                        .orElseGet(() -> medications.fetch(reference, record.fhirServer(), record.source(),
                                deadline));
                if (found.medication() == null) {
                    unverified.add(new OrderNotice(OrderNotice.Kind.MEDICATION_UNVERIFIED, OrderNames.describe(medicationRequest),
                            reference.getReference() == null ? "a reference without a target"
                                    : reference.getReference(), found.problem()));
                    continue;
                }
                List<Resource> withMedication = new ArrayList<>(all);
                withMedication.add(found.medication());
                recognition = recognizer.recognizeMedication(reference, medicationRequest, withMedication);
            }
            if (recognition.isPresent()) {
                List<Resource> others = all.stream().filter(r -> r != resource).toList();
                DraftOrder draft = DraftOrder.of(medicationRequest, recognition.get(), others, today)
                        .signedBy(record.userId());
                orders.add(new Pending(draft, order.repairs()));
            } else {
                mentions.find(medicationRequest).ifPresent(m -> named.add(new OrderNotice(
                        OrderNotice.Kind.MEDICATION_NOT_CODED, OrderNames.describe(medicationRequest), m, null)));
            }
        }
        List<OrderNotice> notices = new ArrayList<>(unverified);
        if (orders.isEmpty()) {
            notices.addAll(named);
        }
        return new Recognised(orders, notices);
    }

    private static boolean selected(AssessmentRequest request, Resource resource) {
        if (request.selections() == null) {
            return true;
        }
        return request.selections().contains(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }

    private static Optional<LocalDate> visitDay(PatientRecord record, String encounterId) {
        if (encounterId == null) {
            return Optional.empty();
        }
        return record.resources(RecordPart.ENCOUNTER, Encounter.class).stream()
                .filter(e -> encounterId.equals(e.getIdElement().getIdPart()))
                .findFirst()
                .flatMap(e -> FhirDates.earliestDay(e.getPeriod().getStartElement()));
    }
}
