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
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.ScheduleEntry;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.ProductRecognition;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The one use case behind every entry point (order-select, order-sign, patient-view, {@code $j1411-readiness},
 * {@code $j1411-check}): recognise the orders of every configured product, read the patient's record once
 * (prefetch, then the given source), judge each order under its own product's policy, and date everything from the
 * injected clock. Entry points only translate their input into a request and the assessments into their answer.
 * Nothing here knows a product: each is a {@link ProductAssessor} built from its policy.
 */
public final class AssessmentService {

    /** The record parts the post-infusion review reads. */
    public static final Set<RecordPart> MONITORING_PARTS = EnumSet.of(RecordPart.PATIENT, RecordPart.CONDITIONS,
            RecordPart.OBSERVATIONS, RecordPart.MEDICATION_ADMINISTRATIONS, RecordPart.DIAGNOSTIC_REPORTS,
            RecordPart.CARE_PLANS, RecordPart.ENCOUNTER);

    /** The configured products, the default (where a request names none) first. */
    private final List<ProductAssessor> products;
    private final MedicationLookup medications;
    private final RecordAssembler assembler;
    private final Clock clock;

    public AssessmentService(List<ProductAssessor> products, MedicationLookup medications, RecordAssembler assembler,
                             Clock clock) {
        if (products.isEmpty()) {
            throw new IllegalArgumentException("No product to assess");
        }
        this.products = List.copyOf(products);
        this.medications = medications;
        this.assembler = assembler;
        this.clock = clock;
    }

    /** The configured products, the default first. */
    public List<ProductAssessor> products() {
        return products;
    }

    /** The product billed under this code (e.g. J1412), case-insensitively. */
    public Optional<ProductAssessor> product(String billingCode) {
        return products.stream().filter(p -> p.product().billingCode().equalsIgnoreCase(billingCode)).findFirst();
    }

    /** The product a request names by billing code; the default product when it names none. */
    private ProductAssessor productOrDefault(String billingCode) {
        if (billingCode == null) {
            return products.get(0);
        }
        return product(billingCode).orElseThrow(() -> new InvalidRequestDataException("No product is gated under "
                + "the billing code " + billingCode + " (known: " + String.join(", ", products.stream()
                .map(p -> p.product().billingCode()).toList()) + ")"));
    }

    /** Today, by the service's clock. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Every order of a gated product in the request (only the selected ones, when there is a selection), each
     * judged on the one record under its own product's policy: a request with a Hemgenix and a Roctavian order gets
     * both assessments. An order that names a product but cannot be judged is a notice; when a product's
     * MedicationRequest is in the request, other orders naming a product are its companions (e.g. the infusion's
     * ServiceRequest).
     *
     * @throws InvalidRequestDataException when a product's order is among orders whose container is not valid
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
            assessed.add(new OrderAssessment(pending.order(), pending.product().engine().assess(record,
                    pending.order()), pending.sent().repairs(), pending.sent().json()));
        }
        return new OrderAssessments(assessed, recognised.notices(), record, today);
    }

    /**
     * The patient's readiness for one product without an order (dose and coding then say what they need).
     *
     * @param asOf        the day to judge on; null for today
     * @param billingCode the product to judge for (e.g. J1412); null for the default product
     * @throws InvalidRequestDataException when no product is gated under the billing code
     */
    public PatientAssessment assessWithoutOrder(RecordRequest request, LocalDate asOf, String billingCode) {
        ProductAssessor product = productOrDefault(billingCode);
        LocalDate day = asOf != null ? asOf : today();
        PatientRecord record = assembler.assemble(request, null);
        return new PatientAssessment(product.engine().assess(record, DraftOrder.none(request.patientId(), day)),
                record);
    }

    /**
     * The post-infusion review, judged on the day of the visit (the request's encounter's start), else today, as
     * orders are judged on their own date: a chart opened in a visit is reviewed as of that visit. The review is
     * the first product's (in configuration order) whose completed administration is on record: a patient gets one
     * AAV5 gene therapy.
     */
    public MonitoringAssessment reviewMonitoring(RecordRequest request) {
        PatientRecord record = assembler.assemble(request, null, MONITORING_PARTS, assembler.deadline());
        LocalDate asOf = visitDay(record, request.encounterId()).orElseGet(this::today);
        Reviewed reviewed = review(record, asOf);
        return new MonitoringAssessment(reviewed.review(), reviewed.product().product(), asOf);
    }

    /**
     * Where the patient stands today, for the coordinator's worklist and patient page: the gates without an order
     * and the post-infusion review with its schedule, judged on one read of the whole record. The product is the
     * one whose completed administration is on record, else the default product.
     */
    public StandingAssessment assessStanding(RecordRequest request) {
        LocalDate day = today();
        PatientRecord record = assembler.assemble(request, null, EnumSet.allOf(RecordPart.class),
                assembler.deadline());
        Reviewed reviewed = review(record, day);
        ProductAssessor product = reviewed.product();
        Assessment readiness = product.engine().assess(record, DraftOrder.none(request.patientId(), day));
        List<ScheduleEntry> schedule = reviewed.review().map(r -> product.monitor().schedule(record, r))
                .orElse(List.of());
        return new StandingAssessment(readiness, reviewed.review(), schedule, day);
    }

    /** The product whose post-infusion review applies and that review, if any. */
    private record Reviewed(ProductAssessor product, Optional<MonitoringReview> review) {
    }

    /**
     * The review of the first product (in configuration order) whose completed administration is on record (a
     * patient gets one AAV5 gene therapy); else no review, under the default product.
     */
    private Reviewed review(PatientRecord record, LocalDate asOf) {
        for (ProductAssessor product : products) {
            Optional<MonitoringReview> review = product.monitor().review(record, asOf);
            if (review.isPresent()) {
                return new Reviewed(product, review);
            }
        }
        return new Reviewed(products.get(0), Optional.empty());
    }

    private record Pending(DraftOrder order, ProductAssessor product, SentOrder sent) {
    }

    private record Recognition(ProductAssessor product, ProductRecognition how) {
    }

    /** The first product (in configuration order) whose recogniser accepts the order. */
    private Optional<Recognition> recognize(MedicationRequest request, List<Resource> candidates) {
        for (ProductAssessor product : products) {
            Optional<ProductRecognition> how = product.recognizer().recognize(request, candidates);
            if (how.isPresent()) {
                return Optional.of(new Recognition(product, how.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<Recognition> recognizeMedication(Reference reference, MedicationRequest owner,
                                                      List<Resource> candidates) {
        for (ProductAssessor product : products) {
            Optional<ProductRecognition> how = product.recognizer().recognizeMedication(reference, owner, candidates);
            if (how.isPresent()) {
                return Optional.of(new Recognition(product, how.get()));
            }
        }
        return Optional.empty();
    }

    /** How the resource names a product, and which: the first product named. */
    private Optional<OrderNotice> mention(OrderNotice.Kind kind, Resource resource) {
        for (ProductAssessor product : products) {
            Optional<String> named = product.mentions().find(resource);
            if (named.isPresent()) {
                return Optional.of(new OrderNotice(kind, OrderNames.describe(resource), named.get(), null,
                        product.product()));
            }
        }
        return Optional.empty();
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
                mention(OrderNotice.Kind.NOT_A_MEDICATION_REQUEST, resource).ifPresent(named::add);
                continue;
            }
            Optional<Recognition> recognition = recognize(medicationRequest, all);
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
                    unverified.add(new OrderNotice(OrderNotice.Kind.MEDICATION_UNVERIFIED,
                            OrderNames.describe(medicationRequest), reference.getReference() == null
                            ? "a reference without a target" : reference.getReference(), found.problem(),
                            products.get(0).product()));
                    continue;
                }
                List<Resource> withMedication = new ArrayList<>(all);
                withMedication.add(found.medication());
                recognition = recognizeMedication(reference, medicationRequest, withMedication);
            }
            if (recognition.isPresent()) {
                List<Resource> others = all.stream().filter(r -> r != resource).toList();
                DraftOrder draft = DraftOrder.of(medicationRequest, recognition.get().how(), others, today)
                        .signedBy(record.userId());
                orders.add(new Pending(draft, recognition.get().product(), order));
            } else {
                mention(OrderNotice.Kind.MEDICATION_NOT_CODED, medicationRequest).ifPresent(named::add);
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
