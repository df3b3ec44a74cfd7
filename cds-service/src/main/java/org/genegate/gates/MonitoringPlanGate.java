package org.genegate.gates;

import java.util.List;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.Observations;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * A post-infusion plan must exist before dosing: weekly ALT (and FIX activity) for 12 weeks and on while ALT
 * stays above baseline, follow-up to at least 5 years and a corticosteroid plan for an ALT rise. Payers deny requests without it (billing sheet denial #4).
 */
public final class MonitoringPlanGate implements Gate<MonitoringPlanSettings> {

    public static final GateDefinition<MonitoringPlanSettings> DEFINITION = new GateDefinition<>(
            MonitoringPlanSettings.ID,
            new GateTitles("Post-infusion monitoring plan", "monitoring plan",
                    "post-infusion monitoring plan"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            MonitoringPlanSettings.class, MonitoringPlanSettings::read, policy -> new MonitoringPlanGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.CARE_PLANS);
    }

    @Override
    public GateFinding evaluate(GateInput<MonitoringPlanSettings> in) {
        for (CarePlan plan : in.record().resources(RecordPart.CARE_PLANS, CarePlan.class)) {
            boolean usable = plan.getStatus() == CarePlan.CarePlanStatus.DRAFT
                    || plan.getStatus() == CarePlan.CarePlanStatus.ACTIVE;
            if (usable && isMonitoringPlan(plan)) {
                return in.finding(GateStatus.PASS, "A post-infusion monitoring plan is on record ("
                        + plan.getStatus().toCode() + ").", List.of(new Evidence(References.of(plan),
                        "monitoring plan", plan.getStatus().toCode(),
                        FhirDates.earliestDay(plan.getCreatedElement()).orElse(null))), List.of());
            }
        }
        String plan = in.policy().plan();
        return in.finding(GateStatus.MISSING, "No post-infusion monitoring plan is on record; "
                + in.product().name() + " needs " + plan + ".", List.of(),
                List.of(new Remedy.CreateMonitoringPlan(plan + " after " + in.product().name())));
    }

    private static boolean isMonitoringPlan(CarePlan plan) {
        for (CodeableConcept category : plan.getCategory()) {
            if (Observations.hasCode(category, GeneGateTerminology.CODE_SYSTEM,
                    GeneGateTerminology.GENE_THERAPY_MONITORING)) {
                return true;
            }
        }
        return false;
    }
}
