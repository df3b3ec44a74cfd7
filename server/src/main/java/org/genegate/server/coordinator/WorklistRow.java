package org.genegate.server.coordinator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.gates.Assessment;
import org.genegate.gates.CodingSettings;
import org.genegate.gates.WeightAndDoseSettings;
import org.genegate.monitoring.MonitoringAlert;
import org.genegate.monitoring.ScheduleEntry;
import org.genegate.readiness.ReadinessReport;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** One patient's row of {@code Patient/$hemgenix-worklist} (the parts are listed on the operation). */
final class WorklistRow {

    /** Gates that check the proposed order itself. */
    private static final Set<String> ORDER_GATES = Set.of(WeightAndDoseSettings.ID, CodingSettings.ID);

    private WorklistRow() {
    }

    static Parameters.ParametersParameterComponent of(PatientStatus status) {
        Parameters.ParametersParameterComponent row = new Parameters.ParametersParameterComponent().setName("row");
        Patient patient = status.patient();
        row.addPart().setName("patient").setValue(new Reference("Patient/" + patient.getIdElement().getIdPart()));
        row.addPart().setName("name").setValue(new StringType(patient.getNameFirstRep().getNameAsSingleString()));
        if (patient.hasBirthDate()) {
            row.addPart().setName("birthDate").setValue(new DateType(patient.getBirthDateElement().getValueAsString()));
        }
        if (patient.hasGender()) {
            row.addPart().setName("gender").setValue(new CodeType(patient.getGender().toCode()));
        }
        row.addPart().setName("phase").setValue(new CodeType(status.phase()));
        int critical = 0;
        int warning = 0;
        if (status.review().isEmpty()) {
            Assessment record = recordOnly(status.assessment());
            row.addPart().setName("readiness").setValue(new CodeType(ReadinessReport.readiness(record)));
            for (GateFinding finding : record.findings()) {
                if (!finding.passed() && (finding.severity() == Severity.CRITICAL
                        || finding.severity() == Severity.WARNING)) {
                    critical += finding.severity() == Severity.CRITICAL ? 1 : 0;
                    warning += finding.severity() == Severity.WARNING ? 1 : 0;
                    row.addPart().setName("finding").setValue(new StringType(
                            finding.severity().name().toLowerCase() + ": " + finding.message()));
                }
            }
        } else {
            row.addPart().setName("week").setValue(new IntegerType(status.weeksSinceInfusion()));
            nextItem(status).ifPresent(entry -> {
                row.addPart().setName("next").setValue(new StringType(entry.label() + " (" + entry.status().code()
                        + "): " + String.join(", ", entry.missing())));
                row.addPart().setName("nextDue").setValue(new DateType(entry.due().toString()));
            });
            row.addPart().setName("overdue").setValue(new IntegerType((int) status.schedule().stream()
                    .filter(e -> e.status() == ScheduleEntry.Status.OVERDUE).count()));
            for (MonitoringAlert alert : status.review().get().alerts()) {
                row.addPart().setName("alert").setValue(new CodeType(alert.kind().code()));
                if (alert.severity() == Severity.CRITICAL || alert.severity() == Severity.WARNING) {
                    critical += alert.severity() == Severity.CRITICAL ? 1 : 0;
                    warning += alert.severity() == Severity.WARNING ? 1 : 0;
                    row.addPart().setName("finding").setValue(new StringType(
                            alert.severity().name().toLowerCase() + ": " + alert.summary()));
                }
            }
        }
        row.addPart().setName("critical").setValue(new IntegerType(critical));
        row.addPart().setName("warning").setValue(new IntegerType(warning));
        status.assessment().coverageDetermination().ifPresent(coverage -> {
            row.addPart().setName("payer").setValue(new StringType(coverage.payerName()));
            row.addPart().setName("paNeeded").setValue(new CodeType(coverage.paNeeded()));
            row.addPart().setName("covered").setValue(new CodeType(coverage.covered()));
        });
        return row;
    }

    /**
     * The assessment without the gates that only wait for an order to check (dose and billing codes say "missing"
     * when none is proposed): the worklist judges the patient's record, and every patient on it is still to be
     * ordered for, so those would make no one ready.
     */
    private static Assessment recordOnly(Assessment assessment) {
        if (assessment.order().proposed()) {
            return assessment;
        }
        List<GateFinding> findings = assessment.findings().stream()
                .filter(f -> !(ORDER_GATES.contains(f.gateId()) && f.status() == GateStatus.MISSING)).toList();
        return new Assessment(assessment.order(), findings, assessment.coverageDetermination().orElse(null),
                assessment.policyVersion(), assessment.product(), assessment.gates());
    }

    /** The first overdue schedule date, else the first one not yet done. */
    private static Optional<ScheduleEntry> nextItem(PatientStatus status) {
        return status.schedule().stream().filter(e -> e.status() == ScheduleEntry.Status.OVERDUE).findFirst()
                .or(() -> status.schedule().stream().filter(e -> e.status() == ScheduleEntry.Status.DUE).findFirst());
    }
}
