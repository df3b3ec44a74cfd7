package org.genegate.cards;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardSource;
import org.genegate.findings.SourceClass;
import org.genegate.policy.ProductSettings;

/**
 * Warning cards for an order of the product that could not be judged as sent, so it is never answered with silence:
 * an order read only after repairs, an order that names Hemgenix but is not a MedicationRequest coded as
 * Hemgenix, and an order whose Medication could not be had. Each carries one {@code genegate.findings} entry,
 * gate {@value #GATE}, status COULD_NOT_VERIFY.
 */
public final class OrderNoticeCards {

    /** The pseudo-gate these cards report under in {@code genegate.findings} and the audit record. */
    public static final String GATE = "order-reading";

    private final CardSettings settings;
    private final ProductSettings product;
    private final String howToOrder;

    public OrderNoticeCards(CardSettings settings) {
        this.settings = settings;
        this.product = settings.product();
        this.howToOrder = "Order " + product.name() + " as a MedicationRequest whose medication is coded HCPCS "
                + product.billingCode() + " (system https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets) or a "
                + product.name() + " NDC, so GeneGate can check the patient against the label and payer criteria.";
    }

    /**
     * A product order that was judged after a lenient reading.
     *
     * @param coverageActionOmitted whether the coverage-information action was left out because of it
     */
    public Card repaired(String order, List<String> problems, boolean coverageActionOmitted) {
        StringBuilder detail = new StringBuilder("The ").append(product.name()).append(" order ").append(order)
                .append(" is not valid FHIR R4. GeneGate read it leniently and judged it; the other cards are ")
                .append("based on this reading. What was repaired or could not be read:\n");
        problems.forEach(p -> detail.append("\n- ").append(p));
        if (coverageActionOmitted) {
            detail.append("\n\nThe CRD coverage-information update is left out: it would hand back an order ")
                    .append("other than the one the EHR sent.");
        }
        detail.append("\n\nFix the order in the EHR's integration so it is read exactly.");
        return card(product.label() + ": order read with repairs: " + first(problems), detail.toString());
    }

    /** An order of another resource type (ServiceRequest, DeviceRequest, ...) that names the product. */
    public Card notAMedicationRequest(String order, String mention) {
        String name = product.name();
        return card(product.label() + " ordered as a " + typeOf(order) + ": not checked; order it as a "
                        + "MedicationRequest coded " + product.billingCode(),
                order + " names " + name + " (" + mention + ") but is not a MedicationRequest, so none of the "
                        + name + " checks ran on it. " + howToOrder);
    }

    /** A MedicationRequest that names the product but whose medication is not coded as it. */
    public Card medicationNotCoded(String order, String mention) {
        String name = product.name();
        return card(product.label() + " named on an order whose medication is not coded as " + name
                        + ": not checked",
                order + " names " + name + " (" + mention + ") outside its medication, whose code is not a " + name
                        + " code, so none of the " + name + " checks ran on it. " + howToOrder);
    }

    /** A MedicationRequest whose medicationReference could not be read: it may be the product. */
    public Card medicationUnverified(String order, String reference, String reason) {
        String name = product.name();
        return card(product.label() + "? Could not verify the medication of an order; if it is " + name
                        + ", it was not checked",
                "The medication of " + order + " is " + reference + ", which could not be read: " + reason
                        + ". If this order is for " + name + ", none of the " + name + " checks ran on it; check it "
                        + "by hand, send the Medication with the request (contained, in draftOrders or in prefetch), "
                        + "or retry. " + howToOrder);
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
