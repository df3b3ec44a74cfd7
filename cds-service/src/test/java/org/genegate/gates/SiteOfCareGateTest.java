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
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class SiteOfCareGateTest {

    private final SiteOfCareGate gate = new SiteOfCareGate();

    private GateFinding evaluate(MedicationRequest request, Resource... encounterPart) {
        return gate.evaluate(input(record().with(RecordPart.ENCOUNTER, encounterPart).build(), order(request),
                POLICY.settings(SiteOfCareGate.DEFINITION)));
    }

    private static Encounter encounter(String id) {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        encounter.setServiceProvider(new Reference("Organization/htc"));
        encounter.addLocation().setLocation(new Reference("Location/infusion"));
        return encounter;
    }

    private static Organization htc(boolean certified, boolean asTag) {
        Organization organization = new Organization();
        organization.setId("htc");
        organization.setName("Regional Hemophilia Center");
        if (certified && asTag) {
            organization.getMeta().addTag(new Coding(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.CERTIFIED_HTC, null));
        } else if (certified) {
            organization.addType(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.GENE_THERAPY_NETWORK_CENTER));
        }
        return organization;
    }

    private static Location location(String pos) {
        Location location = new Location();
        location.setId("infusion");
        location.addType(concept(GeneGateTerminology.POS, pos));
        return location;
    }

    @Test
    void aCertifiedCenterWithAnAllowedPlaceOfServicePasses() {
        for (String pos : new String[] {"19", "21", "22"}) {
            assertThat(evaluate(hemgenixRequest(), encounter("e1"), htc(true, false), location(pos)).status())
                    .isEqualTo(GateStatus.PASS);
        }
        assertThat(evaluate(hemgenixRequest(), encounter("e1"), htc(true, true), location("22")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void anUncertifiedCenterFailsAsWarning() {
        GateFinding finding = evaluate(hemgenixRequest(), encounter("e1"), htc(false, false), location("22"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("Regional Hemophilia Center is not marked");
    }

    @Test
    void aWrongPlaceOfServiceFails() {
        GateFinding finding = evaluate(hemgenixRequest(), encounter("e1"), htc(true, false), location("11"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("place of service 11");
    }

    @Test
    void theLocationsManagingOrganizationCanCarryTheCertification() {
        Encounter encounter = encounter("e1");
        encounter.setServiceProvider(null);
        Location location = location("21");
        location.setManagingOrganization(new Reference("Organization/htc"));

        assertThat(evaluate(hemgenixRequest(), encounter, htc(true, false), location).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void theOrdersOwnEncounterIsUsed() {
        Encounter other = encounter("other");
        other.setServiceProvider(new Reference("Organization/clinic"));
        Organization clinic = new Organization();
        clinic.setId("clinic");
        MedicationRequest request = hemgenixRequest();
        request.setEncounter(new Reference("Encounter/e1"));

        assertThat(evaluate(request, other, encounter("e1"), clinic, htc(true, false), location("22")).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void noEncounterIsMissingAsInfo() {
        GateFinding finding = evaluate(hemgenixRequest());

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
    }
}
