package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/** The label's indication is hemophilia B: an active D67 / SNOMED 767712006 condition. */
public final class DiagnosisGate implements Gate<DiagnosisSettings> {

    public static final GateDefinition<DiagnosisSettings> DEFINITION = new GateDefinition<>(DiagnosisSettings.ID,
            new GateDefinition.Titles("Hemophilia B diagnosis", "hemophilia B diagnosis", "hemophilia B diagnosis"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            DiagnosisSettings.class, DiagnosisSettings::read, policy -> new DiagnosisGate());

    private static final String CLINICAL_STATUS = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    private static final String VERIFICATION_STATUS = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.CONDITIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<DiagnosisSettings> in) {
        List<Evidence> inactive = new ArrayList<>();
        for (Condition condition : in.record().resources(RecordPart.CONDITIONS, Condition.class)) {
            Optional<Coding> code = condition.hasCode()
                    ? in.codes().firstMatch(GeneGateTerminology.VS_HEMOPHILIA_B_DIAGNOSIS, condition.getCode())
                    : Optional.empty();
            String verification = status(condition.hasVerificationStatus()
                    ? condition.getVerificationStatus().getCoding() : List.of(), VERIFICATION_STATUS);
            if (code.isEmpty() || "entered-in-error".equals(verification)) {
                continue;
            }
            String clinical = status(condition.hasClinicalStatus()
                    ? condition.getClinicalStatus().getCoding() : List.of(), CLINICAL_STATUS);
            Evidence evidence = new Evidence(References.of(condition), "hemophilia B diagnosis",
                    code.get().getCode() + (clinical == null ? "" : " (" + clinical + ")"),
                    FhirDates.earliestDay(condition.getRecordedDateElement()).orElse(null));
            boolean clinicallyActive = clinical == null || ACTIVE.contains(clinical);
            if (clinicallyActive && !"refuted".equals(verification)) {
                return in.finding(GateStatus.PASS, "Hemophilia B (" + code.get().getCode()
                        + ") is on the problem list.",
                        List.of(evidence), List.of());
            }
            inactive.add(evidence);
        }
        if (!inactive.isEmpty()) {
            return in.finding(GateStatus.FAIL, "Hemophilia B is on record only as resolved, inactive or refuted ("
                    + inactive.get(0).value() + ", " + inactive.get(0).reference() + "); " + in.product().name()
                    + " is indicated for "
                    + "active congenital hemophilia B (D67).", inactive, List.of());
        }
        return in.finding(GateStatus.MISSING, "No hemophilia B diagnosis (ICD-10-CM D67 or SNOMED 767712006) is on "
                + "record; " + in.product().name()
                + " is indicated for congenital hemophilia B.", List.of(), List.of());
    }

    private static String status(List<Coding> codings, String system) {
        for (Coding coding : codings) {
            if ((coding.getSystem() == null || system.equals(coding.getSystem())) && coding.getCode() != null) {
                return coding.getCode();
            }
        }
        return null;
    }
}
