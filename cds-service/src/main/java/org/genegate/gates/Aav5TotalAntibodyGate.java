package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Positivity;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.GateTitles;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;

/**
 * Anti-AAV5 total (binding) antibodies, read qualitatively: the US Roctavian label is for patients without
 * pre-existing AAV5 antibodies detected by an FDA-approved test, the companion diagnostic being ARUP's AAV5
 * DetectCDx (Detected / Not detected, no titer). The latest result counts: Detected fails; no result, or one that
 * reads neither way, is missing (the label requires a negative test); Not detected by a method that names no
 * approved test is a finding of its own severity, since only an approved test meets the label. No source sets how
 * old the result may be, so its date is shown, not judged. The companion test was validated in males only, which a
 * pass for a female patient says as information.
 */
public final class Aav5TotalAntibodyGate implements Gate<Aav5TotalAntibodySettings> {

    public static final GateDefinition<Aav5TotalAntibodySettings> DEFINITION = new GateDefinition<>(
            Aav5TotalAntibodySettings.ID,
            new GateTitles("Anti-AAV5 total antibodies", "anti-AAV5 total antibody", "anti-AAV5 total antibody result"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            Aav5TotalAntibodySettings.class, Aav5TotalAntibodySettings::read, policy -> new Aav5TotalAntibodyGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.OBSERVATIONS);
    }

    @Override
    public GateFinding evaluate(GateInput<Aav5TotalAntibodySettings> in) {
        Aav5TotalAntibodySettings policy = in.policy();
        List<Observation> results = Observations.results(in.record(), in.codes(), policy.valueSet());
        Remedy test = in.orderTest(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_TOTAL_ANTIBODY,
                "Anti-AAV5 total antibody by an FDA-approved test (" + policy.approvedTest() + ") before "
                        + in.product().name());
        if (results.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No anti-AAV5 total antibody result is on record; the US label "
                    + "requires a negative result by an FDA-approved test before " + in.product().name() + ".",
                    List.of(), List.of(test));
        }
        List<Evidence> evidence = new ArrayList<>();
        for (Observation observation : results) {
            evidence.add(Observations.evidence(observation, "anti-AAV5 total antibody"));
        }
        // Newest first: the latest result decides, an older negative cannot stand in for a newer result.
        Observation latest = results.get(0);
        String shown = Observations.valueText(latest) + " " + Observations.dated(latest) + method(latest)
                .map(m -> " by " + m).orElse(" (method not recorded)");
        Positivity reading = Observations.qualitative(latest);
        if (reading == Positivity.POSITIVE) {
            return in.finding(GateStatus.FAIL, "Anti-AAV5 total antibodies detected (" + shown + "): the US label "
                    + "is for patients without pre-existing AAV5 antibodies; do not give " + in.product().name()
                    + ".", evidence, List.of());
        }
        if (reading == Positivity.UNKNOWN) {
            return in.finding(GateStatus.MISSING, "The latest anti-AAV5 total antibody result (" + shown + ") reads "
                    + "neither Detected nor Not detected; repeat the test.", evidence, List.of(test));
        }
        if (!byApprovedTest(latest, policy)) {
            return in.finding(GateStatus.FAIL, policy.otherTestSeverity(), "Anti-AAV5 total antibodies not detected ("
                    + shown + "), but the method names no FDA-approved test; the US label requires one ("
                    + policy.approvedTest() + ").", evidence, List.of(test));
        }
        String passed = "Anti-AAV5 total antibodies not detected (" + shown + ").";
        // The Patient is read only for this note, so the gate does not declare it: without it the result stands.
        boolean female = in.record().patient().map(p -> p.getGender() == Enumerations.AdministrativeGender.FEMALE)
                .orElse(false);
        if (female && policy.validatedInMales()) {
            // A fact to weigh, not a gap: the result stands, the card says the test's validation did not cover her.
            return in.finding(GateStatus.PASS, Severity.INFO, passed + " The approved test (" + policy.approvedTest()
                    + ") was validated in males only; the patient is recorded as female.", evidence, List.of());
        }
        return in.finding(GateStatus.PASS, passed, evidence, List.of());
    }

    private static boolean byApprovedTest(Observation observation, Aav5TotalAntibodySettings policy) {
        if (!observation.hasMethod()) {
            return false;
        }
        if (ProductRecognizer.containsAny(observation.getMethod().getText(), policy.approvedTestNames())) {
            return true;
        }
        for (Coding coding : observation.getMethod().getCoding()) {
            if (ProductRecognizer.containsAny(coding.getDisplay(), policy.approvedTestNames())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> method(Observation observation) {
        if (!observation.hasMethod()) {
            return Optional.empty();
        }
        if (observation.getMethod().hasText()) {
            return Optional.of(observation.getMethod().getText());
        }
        return observation.getMethod().getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay)
                .findFirst();
    }
}
