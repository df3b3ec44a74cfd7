package org.genegate.hooks;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.audit.AuditTrail;
import org.genegate.audit.HookDecision;
import org.genegate.cards.Action;
import org.genegate.cards.Card;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CdsResponse;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.CrdConfiguration;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.clinical.References;
import org.genegate.fetch.FetchDeadline;
import org.genegate.fetch.MedicationLookup;
import org.genegate.fetch.RecordAssembler;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateEngine;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.HemgenixMentions;
import org.genegate.orders.HemgenixOrderRecognizer;
import org.genegate.orders.HemgenixRecognition;
import org.genegate.record.PatientRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hook call, end to end: find the Hemgenix orders, build the record once, run the gates on each
 * order, compose the cards (plus, on order-sign, the CRD coverage-information system action), apply the
 * client's {@code davinci-crd.configuration}, and hand the decision to the audit trail.
 *
 * <p>An order that names Hemgenix but cannot be judged as sent (read only after repairs, another request type,
 * a Medication that cannot be had) gets a warning card from {@link OrderNoticeCards}, never silence.
 *
 * <p>Orders for anything but Hemgenix get no cards; on order-sign the answer still carries an empty
 * {@code systemActions} array (CRD clients and Inferno expect the field on that hook), and no coverage
 * information is asserted for orders GeneGate does not gate.
 */
public final class HookService {

    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final HookRequestReader reader;
    private final HemgenixOrderRecognizer recognizer;
    private final RecordAssembler assembler;
    private final GateEngine engine;
    private final CardComposer composer;
    private final CoverageInformationAction coverageAction;
    private final AuditTrail auditTrail;
    private final RecordSource recordSource;
    private final Clock clock;
    private final HemgenixMentions mentions;
    private final MedicationLookup medications;
    private final OrderNoticeCards noticeCards;

    public HookService(HookRequestReader reader, HemgenixOrderRecognizer recognizer, RecordAssembler assembler,
                       GateEngine engine, CardComposer composer, CoverageInformationAction coverageAction,
                       AuditTrail auditTrail, RecordSource recordSource, Clock clock, HemgenixMentions mentions,
                       MedicationLookup medications, OrderNoticeCards noticeCards) {
        this.reader = reader;
        this.recognizer = recognizer;
        this.mentions = mentions;
        this.medications = medications;
        this.noticeCards = noticeCards;
        this.assembler = assembler;
        this.engine = engine;
        this.composer = composer;
        this.coverageAction = coverageAction;
        this.auditTrail = auditTrail;
        this.recordSource = recordSource;
        this.clock = clock;
    }

    /**
     * @param smartAppUrl launch URL of the SMART checklist page, linked from the payer card on order-sign. The
     *                    order-select payer card keeps only absolute links: it is the early look while the order is
     *                    composed, and it stays a Da Vinci CRD "external reference" card (links all absolute), which
     *                    Inferno's CRD suite requires of at least one card across the hooks.
     */
    public CdsResponse handle(CdsServiceDescriptor service, String body, String smartAppUrl) {
        long started = System.nanoTime();
        HookRequest request = reader.read(body, service.hook());
        boolean orderSign = "order-sign".equals(request.hook());
        // One fetch budget for the whole call: reading a Medication spends from it, the record gets the rest.
        FetchDeadline deadline = assembler.deadline();
        OrdersRead read = hemgenixOrders(request, deadline);
        List<DraftOrder> orders = read.orders();
        Object draftOrdersProblem = request.context().draftOrders().getUserData(HookRequestReader.DRAFT_ORDERS_PROBLEM);
        if (!orders.isEmpty() && draftOrdersProblem != null) {
            // The Bundle around the orders is broken (not one order): nothing says which orders it holds.
            throw HookRequestException.invalid(draftOrdersProblem.toString());
        }
        if (orders.isEmpty() && read.notices().isEmpty()) {
            return orderSign ? new CdsResponse(List.of(), List.of()) : CdsResponse.empty();
        }
        CrdConfiguration configuration = CrdConfiguration.from(request.extension());
        List<Card> cards = new ArrayList<>();
        List<Action> systemActions = new ArrayList<>();
        List<HookDecision.OrderDecision> decisions = new ArrayList<>();
        if (!orders.isEmpty()) {
            PatientRecord record = assembler.assemble(request, orders.get(0).request(),
                    recordSource.forRequest(request), deadline);
            LocalDate today = LocalDate.now(clock);
            for (DraftOrder order : orders) {
                Assessment assessment = engine.assess(record, order);
                decisions.add(new HookDecision.OrderDecision(order.request(), assessment.findings()));
                cards.addAll(composer.compose(assessment, orderSign ? smartAppUrl : null));
                List<String> repairs = readProblems(order.request());
                boolean coverageWanted = orderSign && configuration.allows(CoverageInformationAction.CARD_TYPE);
                if (!repairs.isEmpty()) {
                    // The action hands the order back as an update: only an order read exactly may be echoed.
                    boolean omitted = coverageWanted && coverageAction.build(assessment, today).isPresent();
                    cards.add(noticeCards.repaired(describe(order.request()), repairs, omitted));
                } else if (coverageWanted) {
                    coverageAction.build(assessment, today).ifPresent(systemActions::add);
                }
                log.info("hook={} instance={} patient={} order={} failed={} unavailable={} in {} ms", request.hook(),
                        request.hookInstance(), request.context().patientId(),
                        order.request().getIdElement().getIdPart(), assessment.findings().stream()
                                .filter(f -> !f.passed()).map(f -> f.gateId() + ":" + f.status()).toList(),
                        record.unavailableParts().keySet(), (System.nanoTime() - started) / 1_000_000);
            }
        }
        cards.addAll(read.notices());
        if (!read.notices().isEmpty()) {
            log.info("hook={} instance={} patient={}: {} order(s) naming Hemgenix or of unknown medication could "
                    + "not be judged", request.hook(), request.hookInstance(), request.context().patientId(),
                    read.notices().size());
        }
        CrdConfiguration.Selection selection = configuration.select(cards);
        auditTrail.hookDecision(new HookDecision(service.id(), request.hook(), request.hookInstance(),
                request.fhirServer(), request.context().patientId(), request.context().userId(), decisions,
                selection.sent(), selection.withheld(), orderSign ? systemActions.size() : 0));
        return new CdsResponse(selection.sent(), orderSign ? systemActions : null);
    }

    /** The Hemgenix orders to judge, and the cards for orders that name Hemgenix but cannot be judged. */
    private record OrdersRead(List<DraftOrder> orders, List<Card> notices) {
    }

    /**
     * Every draft MedicationRequest for Hemgenix (for order-select, only the selected ones), its Medication looked
     * for wherever it may be. A MedicationRequest whose Medication cannot be had gets a "could not verify" card;
     * when no order is a Hemgenix MedicationRequest, an order that still names Hemgenix (another request type, or
     * Hemgenix outside the medication) gets a card saying how to order it. With a Hemgenix MedicationRequest in
     * the call, the other orders naming it are its companions (e.g. the infusion's ServiceRequest).
     */
    private OrdersRead hemgenixOrders(HookRequest request, FetchDeadline deadline) {
        Bundle draftOrders = request.context().draftOrders();
        List<Resource> all = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : draftOrders.getEntry()) {
            if (entry.hasResource()) {
                all.add(entry.getResource());
            }
        }
        List<DraftOrder> orders = new ArrayList<>();
        List<Card> unverified = new ArrayList<>();
        List<Card> named = new ArrayList<>();
        List<Resource> known = null;
        for (Resource resource : all) {
            if (!selected(request, resource)) {
                continue;
            }
            if (!(resource instanceof MedicationRequest medicationRequest)) {
                mentions.find(resource).ifPresent(m -> named.add(noticeCards.notAMedicationRequest(describe(resource),
                        m)));
                continue;
            }
            Optional<HemgenixRecognition> recognition = recognizer.recognize(medicationRequest, all);
            if (recognition.isEmpty() && medicationRequest.getMedication() instanceof Reference reference
                    && References.resolve(reference, Medication.class, medicationRequest, all).isEmpty()) {
                if (known == null) {
                    known = new ArrayList<>(all);
                    known.addAll(medications.prefetched(request.prefetch()));
                }
                Optional<Medication> prefetched = References.resolve(reference, Medication.class, medicationRequest,
                        known);
                MedicationLookup.Found found = prefetched.map(m -> new MedicationLookup.Found(m, null))
                        .orElseGet(() -> medications.fetch(reference, request.fhirServer(),
                                recordSource.forRequest(request), deadline));
                if (found.medication() == null) {
                    unverified.add(noticeCards.medicationUnverified(describe(medicationRequest),
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
                orders.add(new DraftOrder(medicationRequest, recognition.get(), others,
                        orderDate(medicationRequest)).signedBy(request.context().userId()));
            } else {
                mentions.find(medicationRequest).ifPresent(m -> named.add(noticeCards.medicationNotCoded(
                        describe(medicationRequest), m)));
            }
        }
        List<Card> notices = new ArrayList<>(unverified);
        if (orders.isEmpty()) {
            notices.addAll(named);
        }
        return new OrdersRead(orders, notices);
    }

    @SuppressWarnings("unchecked")
    private static List<String> readProblems(Resource order) {
        Object problems = order.getUserData(HookRequestReader.READ_PROBLEMS);
        return problems instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** "MedicationRequest/id", or the type alone for an order without an id. */
    private static String describe(Resource resource) {
        String reference = References.of(resource);
        return reference != null ? reference : "a draft " + resource.fhirType();
    }

    private static boolean selected(HookRequest request, Resource resource) {
        List<String> selections = request.context().selections();
        if (!"order-select".equals(request.hook())) {
            return true;
        }
        String reference = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        return selections.contains(reference);
    }

    /**
     * authoredOn as written (its own calendar day, not shifted to this server's zone), else today; an authoredOn
     * that is not a date (kept as text by the lenient reading, and listed on the repaired order's card) counts as
     * absent.
     */
    private LocalDate orderDate(MedicationRequest request) {
        if (request.hasAuthoredOnElement() && request.getAuthoredOnElement().getValue() != null) {
            String authoredOn = request.getAuthoredOnElement().getValueAsString();
            if (authoredOn != null && authoredOn.length() >= 10) {
                try {
                    return LocalDate.parse(authoredOn.substring(0, 10));
                } catch (DateTimeParseException notADate) {
                    // falls through to today
                }
            }
        }
        return LocalDate.now(clock);
    }
}
