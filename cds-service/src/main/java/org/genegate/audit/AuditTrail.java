package org.genegate.audit;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CardFinding;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Feedback;
import org.genegate.cdshooks.Suggestion;
import org.genegate.findings.GateFinding;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns hook decisions and feedback into FHIR AuditEvents, so that a denial can be answered from the
 * server's own store: who signed which order for which patient and when, which gates did not pass, which
 * cards went out (by uuid), and what the user did with them (accepted suggestions, override reason).
 *
 * <p>Every card is an entity named by its uuid, in the decision and in the feedback alike, so
 * {@code AuditEvent?entity-name:exact=<card uuid>} returns both halves of the story; the patient
 * ({@code Patient/<id>}), the hook instance and each order ({@code MedicationRequest/<id>}) are named the
 * same way, and the signing user is the agent's name. The patient is also a reference in
 * {@code entity.what}, as IHE Basic Audit Log Patterns (BALP) records it, so the {@code patient} search
 * finds a patient's decisions: {@code Patient/<id>} for a record read from this server's store,
 * {@code <fhirServer>/Patient/<id>} for one read from the EHR's server.
 */
public final class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    static final String CRD_HOOK_TYPES = "http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private static final String URI = "urn:ietf:rfc:3986";

    private final AuditEventJson json;
    private final AuditEventSink sink;
    private final String sourceLabel;
    private final Clock clock;

    /** @param sink where events go; null when this service runs without a FHIR store (then they are logged) */
    public AuditTrail(FhirContext fhirContext, AuditEventSink sink, String sourceLabel, Clock clock) {
        this.json = new AuditEventJson(fhirContext);
        this.sink = sink;
        this.sourceLabel = sourceLabel;
        this.clock = clock;
        if (sink == null) {
            log.warn("No audit store: hook decisions and feedback are only logged");
        }
    }

    public void hookDecision(HookDecision decision) {
        write(decisionEvent(decision));
    }

    public void feedback(String serviceId, List<Feedback> items) {
        for (Feedback item : items) {
            write(feedbackEvent(serviceId, item));
        }
    }

    private void write(AuditEvent event) {
        if (sink == null) {
            log.info("audit: {}", json.encode(event));
        } else {
            sink.write(event);
        }
    }

    AuditEvent decisionEvent(HookDecision decision) {
        AuditEvent event = base(GeneGateTerminology.HOOK_DECISION, "CDS hook decision", decision.serviceId());
        event.addSubtype(new Coding(CRD_HOOK_TYPES, decision.hook(), null));
        event.addAgent(user(decision.userId(), decision.fhirServer()));
        event.addPurposeOfEvent().addCoding(new Coding(ACT_REASON, "TREAT", "treatment"));

        event.addEntity()
                .setWhat(patient(decision.patientId(), decision.fhirServer()))
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient"))
                .setName("Patient/" + decision.patientId());
        AuditEvent.AuditEventEntityComponent call = event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(URI)
                        .setValue("urn:uuid:" + decision.hookInstance())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "20", "Job"))
                .setName(decision.hookInstance())
                .setDescription("hookInstance of the " + decision.hook() + " call");
        detail(call, "hook", decision.hook());
        detail(call, "record-source", decision.fhirServer() == null ? "this server's FHIR store"
                : decision.fhirServer());
        detail(call, "system-actions", String.valueOf(decision.systemActions()));

        List<String> notPassed = new ArrayList<>();
        for (HookDecision.OrderDecision order : decision.orders()) {
            MedicationRequest request = order.order();
            String id = request.getIdElement().getIdPart();
            AuditEvent.AuditEventEntityComponent entity = event.addEntity()
                    .setWhat(logical("MedicationRequest", id, decision.fhirServer()))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
                    .setName("MedicationRequest/" + id)
                    .setDescription("Hemgenix draft order as signed");
            // The order as the EHR sent it: what exactly was signed, even if it changes afterwards.
            detail(entity, "draft-order", order.sentJson() != null ? order.sentJson().toString()
                    : json.encode(request));
            for (GateFinding finding : order.findings()) {
                if (!finding.passed()) {
                    detail(entity, "gate " + finding.gateId(), finding.status() + " (" + finding.severity().indicator()
                            + "): " + finding.message());
                    notPassed.add(finding.gateId() + " " + finding.status());
                }
            }
        }
        for (Card card : decision.cardsSent()) {
            cardEntity(event, card, null);
        }
        for (Card card : decision.cardsWithheld()) {
            cardEntity(event, card, "withheld by the client's davinci-crd.configuration");
        }
        event.setOutcomeDesc(decision.hook() + " for Patient/" + decision.patientId() + " by "
                + (decision.userId() == null ? "an unnamed user" : decision.userId()) + ": "
                + (notPassed.isEmpty() ? "all gates passed" : "not passed: " + String.join(", ", notPassed))
                + "; cards sent: " + indicators(decision.cardsSent())
                + (decision.cardsWithheld().isEmpty() ? "" : "; withheld: " + indicators(decision.cardsWithheld())));
        return event;
    }

    AuditEvent feedbackEvent(String serviceId, Feedback feedback) {
        AuditEvent event = base(GeneGateTerminology.HOOK_FEEDBACK, "CDS hook feedback", serviceId);
        event.setPeriod(new Period().setStart(Date.from(feedback.outcomeTimestamp().toInstant())));
        // CDS Hooks feedback names no user; the calling client is who reports it.
        event.addAgent().setRequestor(true).setWho(new Reference().setDisplay("CDS client reporting feedback"));

        AuditEvent.AuditEventEntityComponent card = event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(URI)
                        .setValue("urn:uuid:" + feedback.card())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "3", "Report"))
                .setName(feedback.card())
                .setDescription("CDS card the user acted on");
        detail(card, "outcome", feedback.outcome());
        detail(card, "outcome-timestamp", feedback.outcomeTimestamp().toString());
        for (String suggestion : feedback.acceptedSuggestions()) {
            detail(card, "accepted-suggestion", suggestion);
        }
        StringBuilder description = new StringBuilder("Card " + feedback.card() + " " + feedback.outcome());
        for (Feedback.OverrideReason override : feedback.overrideReasons()) {
            if (override.reason() != null) {
                CardCoding coding = override.reason();
                String reason = coding.system() + "|" + coding.code()
                        + (coding.display() == null ? "" : " (" + coding.display() + ")");
                detail(card, "override-reason", reason);
                description.append(": ").append(reason);
            }
            if (override.userComment() != null) {
                detail(card, "user-comment", override.userComment());
                description.append(": \"").append(override.userComment()).append('"');
            }
        }
        event.setOutcomeDesc(description.toString());
        return event;
    }

    private AuditEvent base(String type, String display, String serviceId) {
        AuditEvent event = new AuditEvent()
                .setType(new Coding(GeneGateTerminology.CODE_SYSTEM, type, display))
                .setAction(AuditEvent.AuditEventAction.E)
                .setRecorded(Date.from(clock.instant()))
                .setOutcome(AuditEvent.AuditEventOutcome._0);
        event.getSource()
                .setSite(serviceId)
                .setObserver(new Reference().setDisplay(sourceLabel))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
        return event;
    }

    /** The signing user, by name and logical reference (the user lives in the EHR, not necessarily here). */
    private static AuditEvent.AuditEventAgentComponent user(String userId, String fhirServer) {
        AuditEvent.AuditEventAgentComponent agent = new AuditEvent.AuditEventAgentComponent().setRequestor(true);
        if (userId == null) {
            return agent.setWho(new Reference().setDisplay("user not named in the hook context"));
        }
        agent.setName(userId);
        int slash = userId.indexOf('/');
        return agent.setWho(slash > 0 ? logical(userId.substring(0, slash), userId.substring(slash + 1), fhirServer)
                : new Reference().setDisplay(userId));
    }

    /**
     * A logical reference (type + identifier + display), never resolved: patients, users and draft orders
     * live in the EHR, and this server's store must not refuse an audit because it lacks them. The entity's
     * name ("Patient/123") is what {@code entity-name} searches find.
     */
    private static Reference logical(String type, String id, String fhirServer) {
        Identifier identifier = new Identifier().setValue(id);
        if (fhirServer != null) {
            identifier.setSystem(fhirServer);
        }
        return new Reference().setType(type).setIdentifier(identifier).setDisplay(type + "/" + id);
    }

    /** The patient as a reference (BALP), with the same identifier and display as the other logical references. */
    private static Reference patient(String patientId, String fhirServer) {
        String base = fhirServer == null ? "" : fhirServer.replaceAll("/+$", "") + "/";
        return logical("Patient", patientId, fhirServer).setReference(base + "Patient/" + patientId);
    }

    private static void cardEntity(AuditEvent event, Card card, String withheld) {
        AuditEvent.AuditEventEntityComponent entity = event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setSystem(URI).setValue("urn:uuid:" + card.uuid())))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setRole(new Coding(OBJECT_ROLE, "3", "Report"))
                .setName(card.uuid())
                .setDescription(card.summary());
        detail(entity, "indicator", card.indicator());
        if (card.source() != null && card.source().topic() != null) {
            detail(entity, "topic", card.source().topic().code());
        }
        Object findings = card.extension() == null ? null : card.extension().get(CardComposer.FINDINGS_EXTENSION);
        if (findings instanceof List<?> list && !list.isEmpty()) {
            detail(entity, "gates", list.stream().filter(CardFinding.class::isInstance).map(CardFinding.class::cast)
                    .map(f -> f.gate() + " " + f.status()).collect(Collectors.joining(", ")));
        }
        if (card.suggestions() != null) {
            for (Suggestion suggestion : card.suggestions()) {
                detail(entity, "suggestion", suggestion.uuid() + " " + suggestion.label());
            }
        }
        if (withheld != null) {
            detail(entity, "withheld", withheld);
        }
    }

    private static String indicators(List<Card> cards) {
        return cards.isEmpty() ? "none" : cards.stream().map(Card::indicator).collect(Collectors.joining(", "));
    }

    private static void detail(AuditEvent.AuditEventEntityComponent entity, String type, String value) {
        entity.addDetail().setType(type).setValue(new StringType(value));
    }
}
