package org.genegate.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.genegate.assessment.AssessmentRequest;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.OrderAssessment;
import org.genegate.assessment.OrderAssessments;
import org.genegate.assessment.OrderNames;
import org.genegate.assessment.OrderNotice;
import org.genegate.audit.AuditTrail;
import org.genegate.audit.HookDecision;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.CrdConfiguration;
import org.genegate.cards.OrderNoticeCards;
import org.genegate.cdshooks.Action;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CdsResponse;
import org.genegate.cdshooks.CdsServiceDescriptor;
import org.genegate.cdshooks.HookContext;
import org.genegate.cdshooks.HookRequest;
import org.genegate.gates.Assessment;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order-select / order-sign call: read the request, have the {@link AssessmentService} judge the orders of
 * every gated product, compose each order's cards with its own product's card makers (plus, on order-sign, the CRD
 * coverage-information system action), apply the client's {@code davinci-crd.configuration}, and hand the decision
 * to the audit trail.
 *
 * <p>An order that names a product but cannot be judged as sent (read only after repairs, another request type,
 * a Medication that cannot be had) gets a warning card from the product's {@code OrderNoticeCards}, never silence.
 *
 * <p>Orders for anything but a gated product get no cards; on order-sign the answer still carries an empty
 * {@code systemActions} array (CRD clients and Inferno expect the field on that hook), and no coverage
 * information is asserted for orders GeneGate does not gate.
 */
public final class HookService {

    private static final Logger log = LoggerFactory.getLogger(HookService.class);

    private final HookRequestReader reader;
    private final AssessmentService assessments;
    private final RecordSource recordSource;
    private final ProductCards productCards;
    private final AuditTrail auditTrail;

    public HookService(HookRequestReader reader, AssessmentService assessments, RecordSource recordSource,
                       ProductCards productCards, AuditTrail auditTrail) {
        this.reader = reader;
        this.assessments = assessments;
        this.recordSource = recordSource;
        this.productCards = productCards;
        this.auditTrail = auditTrail;
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
        HookContext context = request.context();
        Set<String> selections = "order-select".equals(request.hook()) ? Set.copyOf(context.selections()) : null;
        OrderAssessments result = assessments.assessOrders(new AssessmentRequest(recordSource.recordRequest(request),
                context.draftOrders(), selections));
        if (result.isEmpty()) {
            return orderSign ? new CdsResponse(List.of(), List.of()) : CdsResponse.empty();
        }
        CrdConfiguration configuration = CrdConfiguration.from(request.extension());
        boolean coverageWanted = orderSign && configuration.allows(CoverageInformationAction.CARD_TYPE);
        List<Card> cards = new ArrayList<>();
        List<Action> systemActions = new ArrayList<>();
        List<HookDecision.OrderDecision> decisions = new ArrayList<>();
        for (OrderAssessment assessed : result.assessed()) {
            Assessment assessment = assessed.assessment();
            ProductCards.Makers makers = productCards.of(assessment.product());
            CardComposer composer = makers.composer();
            CoverageInformationAction coverageAction = makers.coverage();
            MedicationRequest order = assessed.order().request();
            decisions.add(new HookDecision.OrderDecision(order, assessed.sentJson(), assessment.findings()));
            cards.addAll(composer.compose(assessment, orderSign ? smartAppUrl : null));
            if (!assessed.repairs().isEmpty()) {
                // The action hands the order back as an update: only an order read exactly may be echoed.
                boolean omitted = coverageWanted && coverageAction.appliesTo(assessment);
                cards.add(makers.notices().repaired(OrderNames.describe(order), assessed.repairs(), omitted));
            } else if (coverageWanted) {
                coverageAction.build(assessment, assessed.sentJson(), result.today())
                        .ifPresent(systemActions::add);
            }
            log.info("hook={} instance={} patient={} product={} order={} failed={} unavailable={} in {} ms", request.hook(),
                    request.hookInstance(), context.patientId(), assessment.product().billingCode(),
                    order.getIdElement().getIdPart(),
                    assessment.findings().stream().filter(f -> !f.passed()).map(f -> f.gateId() + ":" + f.status())
                            .toList(),
                    result.record().unavailableParts().keySet(), (System.nanoTime() - started) / 1_000_000);
        }
        result.notices().forEach(notice -> cards.add(noticeCard(notice)));
        if (!result.notices().isEmpty()) {
            log.info("hook={} instance={} patient={}: {} order(s) naming a gated product or of unknown medication could "
                    + "not be judged", request.hook(), request.hookInstance(), context.patientId(),
                    result.notices().size());
        }
        CrdConfiguration.Selection selection = configuration.select(cards);
        auditTrail.hookDecision(new HookDecision(service.id(), request.hook(), request.hookInstance(),
                request.fhirServer(), context.patientId(), context.userId(), decisions,
                selection.sent(), selection.withheld(), orderSign ? systemActions.size() : 0));
        return new CdsResponse(selection.sent(), orderSign ? systemActions : null);
    }

    private Card noticeCard(OrderNotice notice) {
        OrderNoticeCards noticeCards = productCards.of(notice.product()).notices();
        return switch (notice.kind()) {
            case NOT_A_MEDICATION_REQUEST -> noticeCards.notAMedicationRequest(notice.order(), notice.subject());
            case MEDICATION_NOT_CODED -> noticeCards.medicationNotCoded(notice.order(), notice.subject());
            case MEDICATION_UNVERIFIED -> noticeCards.medicationUnverified(notice.order(), notice.subject(),
                    notice.reason());
        };
    }
}
