package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * The label's indication is on the problem list and active: for Hemgenix hemophilia B (D67 / SNOMED 767712006), for
 * Roctavian hemophilia A (D66); the condition and its codes come from the settings.
 */
public final class DiagnosisGate implements Gate<DiagnosisSettings> {

    public static final GateDefinition<DiagnosisSettings> DEFINITION = new GateDefinition<>(DiagnosisSettings.ID,
            new GateTitles("Hemophilia B diagnosis", "hemophilia B diagnosis", "hemophilia B diagnosis"),
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
        DiagnosisSettings policy = in.policy();
        String name = policy.condition();
        List<Evidence> inactive = new ArrayList<>();
        for (Condition condition : in.record().resources(RecordPart.CONDITIONS, Condition.class)) {
            Optional<Coding> code = condition.hasCode()
                    ? in.codes().firstMatch(policy.valueSet(), condition.getCode())
                    : Optional.empty();
            String verification = status(condition.hasVerificationStatus()
                    ? condition.getVerificationStatus().getCoding() : List.of(), VERIFICATION_STATUS);
            if (code.isEmpty() || "entered-in-error".equals(verification)) {
                continue;
            }
            String clinical = status(condition.hasClinicalStatus()
                    ? condition.getClinicalStatus().getCoding() : List.of(), CLINICAL_STATUS);
            Evidence evidence = new Evidence(References.of(condition), name + " diagnosis",
                    code.get().getCode() + (clinical == null ? "" : " (" + clinical + ")"),
                    FhirDates.earliestDay(condition.getRecordedDateElement()).orElse(null));
            boolean clinicallyActive = clinical == null || ACTIVE.contains(clinical);
            if (clinicallyActive && !"refuted".equals(verification)) {
                return in.finding(GateStatus.PASS, capitalized(name) + " (" + code.get().getCode()
                        + ") is on the problem list.",
                        List.of(evidence), List.of());
            }
            inactive.add(evidence);
        }
        List<Coding> codes = in.codes().codes(policy.valueSet());
        if (!inactive.isEmpty()) {
            return in.finding(GateStatus.FAIL, capitalized(name) + " is on record only as resolved, inactive or "
                    + "refuted (" + inactive.get(0).value() + ", " + inactive.get(0).reference() + "); "
                    + in.product().name() + " is indicated for active congenital " + name
                    + (codes.isEmpty() ? "" : " (" + codes.get(0).getCode() + ")") + ".", inactive, List.of());
        }
        return in.finding(GateStatus.MISSING, "No " + name + " diagnosis (" + codeList(codes) + ") is on "
                + "record; " + in.product().name() + " is indicated for congenital " + name + ".", List.of(), List.of());
    }

    /** "ICD-10-CM D67 or SNOMED 767712006": the codes that count, as a reader knows their systems. */
    private static String codeList(List<Coding> codes) {
        List<String> named = new ArrayList<>();
        for (Coding coding : codes) {
            String system = GeneGateTerminology.ICD10CM.equals(coding.getSystem()) ? "ICD-10-CM"
                    : GeneGateTerminology.SNOMED.equals(coding.getSystem()) ? "SNOMED" : coding.getSystem();
            named.add(system + " " + coding.getCode());
        }
        return String.join(" or ", named);
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
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
