package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import java.util.Map;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.orders.ProductRecognizer;
import org.genegate.orders.ProductRecognition;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.TestTerminology;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.junit.jupiter.api.Test;

/**
 * Hemgenix has one NDC per kit size: whichever kit the product value set lists, an administration coded by it is
 * a Hemgenix dose. The code follows membership, so a kit added to the value set needs no code change.
 */
class KitNdcMembershipTest {

    /** A kit NDC of the Hemgenix labeler as the product list adds it (a test value, not a real kit NDC). */
    private static final String ADDED_KIT = "0053-0300-14";
    private static final CodeIndex WITH_KIT = TestTerminology.withKits(Map.of(ADDED_KIT, 14));

    @Test
    void anAdministrationOfAnyListedKitIsAPriorDose() {
        MedicationAdministration kit = new MedicationAdministration();
        kit.setId("ma-kit");
        kit.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
        kit.setMedication(concept(GeneGateTerminology.NDC, "00053030014"));
        kit.setEffective(new DateTimeType("2024-05-02"));

        GateFinding finding = new PriorGeneTherapyGate().evaluate(new GateInput<>(
                record().with(RecordPart.MEDICATION_ADMINISTRATIONS, kit).build(), order(), WITH_KIT,
                POLICY.settings(PriorGeneTherapyGate.DEFINITION), POLICY.product()));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(new ProductRecognizer(WITH_KIT, POLICY.product()).recognizeConcept(
                concept(GeneGateTerminology.NDC, ADDED_KIT))).hasValueSatisfying(r ->
                assertThat(r.by()).isEqualTo(ProductRecognition.By.NDC));
    }
}
