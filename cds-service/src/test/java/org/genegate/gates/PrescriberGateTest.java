package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PrescriberGateTest {

    private final PrescriberGate gate = new PrescriberGate();

    private GateFinding evaluate(String requester, PractitionerRole... roles) {
        MedicationRequest request = hemgenixRequest();
        request.setRequester(new Reference(requester));
        return gate.evaluate(input(record().with(RecordPart.PRACTITIONER_ROLES, roles).build(), order(request),
                POLICY.settings(PrescriberGate.DEFINITION)));
    }

    private static PractitionerRole role(String id, String practitioner, String system, String specialty) {
        PractitionerRole role = new PractitionerRole();
        role.setId(id);
        role.setPractitioner(new Reference("Practitioner/" + practitioner));
        role.addSpecialty(concept(system, specialty));
        return role;
    }

    @Test
    void aHematologistPractitionerPasses() {
        assertThat(evaluate("Practitioner/dr-b", role("r1", "dr-b", GeneGateTerminology.NUCC, "207RH0000X")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void aRequestingPractitionerRoleWithSnomedHaematologyPasses() {
        assertThat(evaluate("PractitionerRole/r2", role("r2", "dr-c", GeneGateTerminology.SNOMED, "394803006")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void anotherSpecialtyFailsAsInfo() {
        GateFinding finding = evaluate("Practitioner/dr-b", role("r1", "dr-b", GeneGateTerminology.NUCC, "207Q00000X"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("hematologist");
    }

    @Test
    void aHematologistWhoIsNotTheRequesterDoesNotCount() {
        assertThat(evaluate("Practitioner/dr-x", role("r1", "dr-b", GeneGateTerminology.NUCC, "207RH0000X")).status())
                .isEqualTo(GateStatus.FAIL);
    }

    @Test
    void noRoleAtAllIsMissingWithoutACard() {
        GateFinding finding = evaluate("Practitioner/dr-b");

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
    }

    private GateFinding evaluateSigned(MedicationRequest request, String userId, PractitionerRole... roles) {
        return gate.evaluate(input(record().with(RecordPart.PRACTITIONER_ROLES, roles).build(),
                order(request).signedBy(userId), POLICY.settings(PrescriberGate.DEFINITION)));
    }

    @Test
    void withoutARequesterTheSigningPractitionerIsJudged() {
        GateFinding finding = evaluateSigned(hemgenixRequest(), "Practitioner/dr-b",
                role("r1", "dr-b", GeneGateTerminology.NUCC, "207RH0000X"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void withoutARequesterTheSigningPractitionerRoleIsJudged() {
        GateFinding finding = evaluateSigned(hemgenixRequest(), "PractitionerRole/r2",
                role("r2", "dr-c", GeneGateTerminology.NUCC, "207Q00000X"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).startsWith("the signing user PractitionerRole/r2 has no hematology specialty");
    }

    @Test
    void withoutARequesterOrSigningUserThePerformerIsJudged() {
        MedicationRequest request = hemgenixRequest().setPerformer(new Reference("Practitioner/dr-b"));

        assertThat(evaluateSigned(request, null, role("r1", "dr-b", GeneGateTerminology.NUCC, "207RH0000X")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void aRequesterNamedOnlyByDisplayFallsBackToTheSigningUser() {
        MedicationRequest request = hemgenixRequest().setRequester(new Reference().setDisplay("Smythe Juliette, MD"));

        assertThat(evaluateSigned(request, "Practitioner/dr-b",
                role("r1", "dr-b", GeneGateTerminology.NUCC, "207RH0000X")).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void anOrderNamingNoPrescriberIsMissingNeverFailed() {
        // Roles of other practitioners are on record, but nobody on the order can be judged.
        GateFinding finding = evaluateSigned(hemgenixRequest(), null,
                role("r1", "dr-b", GeneGateTerminology.NUCC, "207Q00000X"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.NONE);
    }
}
