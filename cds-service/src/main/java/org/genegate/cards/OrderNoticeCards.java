package org.genegate.cards;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardSource;
import org.genegate.findings.SourceClass;

/**
 * Warning cards for a Hemgenix order that could not be judged as sent, so it is never answered with silence:
 * an order read only after repairs, an order that names Hemgenix but is not a MedicationRequest coded as
 * Hemgenix, and an order whose Medication could not be had. Each carries one {@code genegate.findings} entry,
 * gate {@value #GATE}, status COULD_NOT_VERIFY.
 */
public final class OrderNoticeCards {

    /** The pseudo-gate these cards report under in {@code genegate.findings} and the audit record. */
    public static final String GATE = "order-reading";

    private static final String HOW_TO_ORDER = "Order Hemgenix as a MedicationRequest whose medication is coded "
            + "HCPCS J1411 (system https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets) or a Hemgenix NDC, "
            + "so GeneGate can check the patient against the label and payer criteria.";

    private final CardSettings settings;

    public OrderNoticeCards(CardSettings settings) {
        this.settings = settings;
    }

    /**
     * A Hemgenix order that was judged after a lenient reading.
     *
     * @param coverageActionOmitted whether the coverage-information action was left out because of it
     */
    public Card repaired(String order, List<String> problems, boolean coverageActionOmitted) {
        StringBuilder detail = new StringBuilder("The Hemgenix order ").append(order)
                .append(" is not valid FHIR R4. GeneGate read it leniently and judged it; the other cards are ")
                .append("based on this reading. What was repaired or could not be read:\n");
        problems.forEach(p -> detail.append("\n- ").append(p));
        if (coverageActionOmitted) {
            detail.append("\n\nThe CRD coverage-information update is left out: it would hand back an order ")
                    .append("other than the one the EHR sent.");
        }
        detail.append("\n\nFix the order in the EHR's integration so it is read exactly.");
        return card("Hemgenix (J1411): order read with repairs: " + first(problems), detail.toString());
    }

    /** An order of another resource type (ServiceRequest, DeviceRequest, ...) that names Hemgenix. */
    public Card notAMedicationRequest(String order, String mention) {
        return card("Hemgenix (J1411) ordered as a " + typeOf(order) + ": not checked; order it as a "
                        + "MedicationRequest coded J1411",
                order + " names Hemgenix (" + mention + ") but is not a MedicationRequest, so none of the "
                        + "Hemgenix checks ran on it. " + HOW_TO_ORDER);
    }

    /** A MedicationRequest that names Hemgenix but whose medication is not coded as Hemgenix. */
    public Card medicationNotCoded(String order, String mention) {
        return card("Hemgenix (J1411) named on an order whose medication is not coded as Hemgenix: not checked",
                order + " names Hemgenix (" + mention + ") outside its medication, whose code is not a Hemgenix "
                        + "code, so none of the Hemgenix checks ran on it. " + HOW_TO_ORDER);
    }

    /** A MedicationRequest whose medicationReference could not be read: it may be Hemgenix. */
    public Card medicationUnverified(String order, String reference, String reason) {
        return card("Hemgenix (J1411)? Could not verify the medication of an order; if it is Hemgenix, it was "
                        + "not checked",
                "The medication of " + order + " is " + reference + ", which could not be read: " + reason
                        + ". If this order is for Hemgenix, none of the Hemgenix checks ran on it; check it by hand, "
                        + "send the Medication with the request (contained, in draftOrders or in prefetch), or "
                        + "retry. " + HOW_TO_ORDER);
    }

    private Card card(String summary, String detail) {
        return new Card(UUID.randomUUID().toString(), CardComposer.truncate(summary), detail, "warning",
                new CardSource(settings.sourceLabel(), settings.sourceUrl(), CardTopics.GUIDELINE), List.of(), null,
                List.of(), List.of(), Map.of(CardComposer.FINDINGS_EXTENSION,
                        List.of(new CardFinding(GATE, "COULD_NOT_VERIFY", "warning",
                                List.of(SourceClass.TEAM_DEFAULT.text())))));
    }

    private static String first(List<String> problems) {
        return problems.isEmpty() ? "see details" : problems.get(0);
    }

    private static String typeOf(String order) {
        int slash = order.indexOf('/');
        return slash > 0 ? order.substring(0, slash) : order;
    }
}
