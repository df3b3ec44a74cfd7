package org.genegate.cards;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.genegate.cdshooks.Action;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardSource;
import org.genegate.cdshooks.Suggestion;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.monitoring.MonitoringAlert;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.ProductSettings;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The patient-view cards after a Hemgenix infusion: one card per alert kind (overdue items of the schedule,
 * ALT rise, FIX inhibitor, FIX activity falling or not comparable, outcomes-agreement dates, no plan, could not
 * verify). Each card's
 * {@code extension.genegate.monitoring} names its alert kind for machines.
 */
public final class MonitoringCards {

    static final String MONITORING_EXTENSION = "genegate.monitoring";

    private final FhirContext fhirContext;
    private final CardSettings settings;
    private final ProductSettings product;
    private final MonitoringPlanBuilder planBuilder;

    public MonitoringCards(FhirContext fhirContext, CardSettings settings, MonitoringPlanBuilder planBuilder) {
        this.fhirContext = fhirContext;
        this.settings = settings;
        this.product = settings.product();
        this.planBuilder = planBuilder;
    }

    public List<Card> compose(MonitoringReview review, String patientId) {
        List<Card> cards = new ArrayList<>();
        for (MonitoringAlert alert : review.alerts()) {
            cards.add(new Card(uuid(), CardComposer.truncate(product.label() + " follow-up: " + alert.summary()),
                    alert.detail(),
                    alert.severity().indicator(), new CardSource(settings.sourceLabel(), settings.sourceUrl(),
                    CardTopics.GUIDELINE), suggestions(alert, review, patientId), alert.remedies().isEmpty() ? null
                    : "any", alert.severity() == Severity.CRITICAL ? settings.overrideReasons() : List.of(), List.of(),
                    Map.of(MONITORING_EXTENSION, List.of(Map.of(
                    "alert", alert.kind().code(), "administration", review.administration())))));
        }
        return cards;
    }

    private List<Suggestion> suggestions(MonitoringAlert alert, MonitoringReview review, String patientId) {
        List<Suggestion> suggestions = new ArrayList<>();
        List<Action> tests = new ArrayList<>();
        DraftOrder patientOnly = DraftOrder.none(patientId, review.asOf());
        for (Remedy remedy : alert.remedies()) {
            if (remedy instanceof Remedy.OrderTest test) {
                tests.add(Action.create(RemedyLabels.label(test),
                        json(RemedyResources.serviceRequest(test, patientOnly))));
            } else if (remedy instanceof Remedy.CreateMonitoringPlan) {
                Reference subject = new Reference("Patient/" + patientId);
                suggestions.add(new Suggestion(RemedyLabels.label(remedy), uuid(), true, List.of(Action.create(
                        "Create the " + product.name() + " monitoring CarePlan",
                        json(planBuilder.afterAdministration(subject, new Reference(review.administration()),
                                review.administered(), !review.liverCancerRiskFactors().isEmpty()))))));
            }
        }
        if (!tests.isEmpty()) {
            suggestions.add(0, new Suggestion(tests.size() == 1 ? tests.get(0).description()
                    : "Order the " + tests.size() + " overdue tests", uuid(), true, tests));
        }
        return suggestions;
    }

    private String json(Resource resource) {
        return fhirContext.newJsonParser().encodeResourceToString(resource);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
