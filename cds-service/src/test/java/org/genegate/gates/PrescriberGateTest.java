package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

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
                POLICY.prescriber()));
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
}
