package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Observations;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;

/** Whether a post-infusion monitoring plan (a live CarePlan of the gene-therapy-monitoring category) is on record. */
final class MonitoringPlanCheck implements PostInfusionCheck {

    private final Severity severity;

    MonitoringPlanCheck(Severity severity) {
        this.severity = severity;
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.CARE_PLANS);
    }

    @Override
    public Optional<MonitoringAlert> check(MonitoringInput in) {
        if (hasPlan(in.record())) {
            return Optional.empty();
        }
        LocalDate administered = in.administered();
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.NO_PLAN, severity,
                "no post-infusion monitoring plan", in.product().name() + " was given on " + administered + " and no "
                + "monitoring plan (CarePlan category gene-therapy-monitoring) is on record.",
                List.of(in.administration()),
                List.of(new Remedy.CreateMonitoringPlan(in.product().name() + " given on " + administered))));
    }

    private static boolean hasPlan(PatientRecord record) {
        for (CarePlan plan : record.resources(RecordPart.CARE_PLANS, CarePlan.class)) {
            boolean live = plan.getStatus() != CarePlan.CarePlanStatus.REVOKED
                    && plan.getStatus() != CarePlan.CarePlanStatus.ENTEREDINERROR
                    && plan.getStatus() != CarePlan.CarePlanStatus.COMPLETED;
            for (CodeableConcept category : plan.getCategory()) {
                if (live && Observations.hasCode(category, GeneGateTerminology.CODE_SYSTEM,
                        GeneGateTerminology.GENE_THERAPY_MONITORING)) {
                    return true;
                }
            }
        }
        return false;
    }
}
