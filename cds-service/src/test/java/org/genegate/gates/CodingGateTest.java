package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.hemgenixRequest;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;
import static org.genegate.gates.GateTestSupport.withDose;

import java.math.BigDecimal;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.OrderedDose;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

class CodingGateTest {

    private final CodingGate gate = new CodingGate();

    private GateFinding evaluate(MedicationRequest request, Resource... others) {
        return gate.evaluate(input(record().build(), order(request, others), POLICY.settings(CodingGate.DEFINITION)));
    }

    private static ServiceRequest infusion(String cpt) {
        ServiceRequest request = new ServiceRequest();
        request.setId("sr-" + cpt);
        request.setCode(concept(GeneGateTerminology.CPT, cpt));
        return request;
    }

    @Test
    void j1411WithOneUnitAnd96365Passes() {
        MedicationRequest request = withDose(hemgenixRequest(), "140", "mL", "mL");
        request.getDispenseRequest().setQuantity(new Quantity().setValue(1));

        GateFinding finding = evaluate(request, infusion("96365"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(gate.reads()).isEmpty();
    }

    @Test
    void anUnclassifiedHcpcsNamingHemgenixIsReplacedByJ1411() {
        MedicationRequest request = hemgenixRequest();
        request.setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J3490", null))
                .setText("Hemgenix"));

        GateFinding finding = evaluate(request);

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.ReplaceCode.class, r -> {
            assertThat(r.wrongCode()).isEqualTo("J3490");
            assertThat(r.rightCode()).isEqualTo("J1411");
            assertThat(r.rightDisplay()).contains("etranacogene");
        });
    }

    @Test
    void j1411WithoutASystemAsksForTheSystem() {
        MedicationRequest request = hemgenixRequest();
        request.setMedication(new CodeableConcept(new Coding(null, "J1411", null)));

        GateFinding finding = evaluate(request);

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("has no code system");
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.ReplaceCode.class, r -> {
            assertThat(r.wrongSystem()).isNull();
            assertThat(r.rightSystem()).isEqualTo(GeneGateTerminology.HCPCS);
            assertThat(r.rightCode()).isEqualTo("J1411");
        });
    }

    @Test
    void aQuantityOtherThanOneUnitFails() {
        MedicationRequest request = hemgenixRequest();
        request.getDispenseRequest().setQuantity(new Quantity().setValue(new BigDecimal("14")));

        GateFinding finding = evaluate(request);

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.message()).contains("J1411 is billed as 1 unit");
    }

    @Test
    void wrongAdministrationCodesAreReplacedBy96365() {
        for (String wrong : new String[] {"96413", "96374", "79101"}) {
            GateFinding finding = evaluate(hemgenixRequest(), infusion(wrong));

            assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
            assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.ReplaceCode.class, r -> {
                assertThat(r.wrongCode()).isEqualTo(wrong);
                assertThat(r.rightCode()).isEqualTo("96365");
            });
        }
    }

    /** The order's statement of the diluted volume it infuses (doseAndRate typed infused-volume). */
    private static MedicationRequest withInfusedVolume(MedicationRequest request, String millilitres) {
        request.getDosageInstructionFirstRep().addDoseAndRate(new Dosage.DosageDoseAndRateComponent()
                .setType(concept(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.INFUSED_VOLUME))
                .setDose(new Quantity().setValue(new BigDecimal(millilitres)).setUnit("mL")
                        .setSystem(GeneGateTerminology.UCUM).setCode("mL")));
        return request;
    }

    @Test
    void addOnHourIsNotQuestionedFromTheUndilutedDoseAlone() {
        // 140 mL of vector is diluted before the infusion: the dose does not tell how long the infusion runs.
        GateFinding finding = evaluate(withDose(hemgenixRequest(), "140", "mL", "mL"), infusion("96365"),
                infusion("96366"));

        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.remedies()).isEmpty();
        assertThat(finding.message()).contains("documented infusion times", "infused (diluted) volume");
    }

    @Test
    void addOnHourIsRemovedWhenTheStatedInfusedVolumeRunsAtMost90Minutes() {
        // 500 mL diluted at 500 mL/h is 60 minutes.
        GateFinding finding = evaluate(withInfusedVolume(withDose(hemgenixRequest(), "140", "mL", "mL"), "500"),
                infusion("96365"), infusion("96366"));

        assertThat(finding.status()).isEqualTo(GateStatus.FAIL);
        assertThat(finding.remedies()).singleElement().isInstanceOfSatisfying(Remedy.ReplaceCode.class, r -> {
            assertThat(r.wrongCode()).isEqualTo("96366");
            assertThat(r.rightCode()).isNull();
            assertThat(r.reason()).contains("500 mL", "60 minutes", "start and stop times");
        });
    }

    @Test
    void addOnHourBoundaryIs750MlInfusedAt500MlPerHour() {
        Procedure addOn = new Procedure();
        addOn.setCode(concept(GeneGateTerminology.CPT, "96366"));

        assertThat(evaluate(withInfusedVolume(withDose(hemgenixRequest(), "140", "mL", "mL"), "750"), addOn).status())
                .isEqualTo(GateStatus.FAIL);
        assertThat(evaluate(withInfusedVolume(withDose(hemgenixRequest(), "140", "mL", "mL"), "751"), addOn).status())
                .isEqualTo(GateStatus.PASS);
        // The undiluted dose alone, however small, leaves 96366 to the claim's documented times.
        assertThat(evaluate(withDose(hemgenixRequest(), "7.6E14", "gc", "{gc}"), addOn).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void theInfusedVolumeIsNotReadAsTheDose() {
        MedicationRequest request = withInfusedVolume(hemgenixRequest(), "500");

        assertThat(OrderedDose.of(request)).isEmpty();
        assertThat(OrderedDose.infusedMillilitres(request)).contains(new BigDecimal("500"));
    }

    @Test
    void withoutAProposedOrderTheGateSaysWhatItNeedsInsteadOfPassing() {
        GateFinding finding = gate.evaluate(input(record().build(),
                DraftOrder.none("p1", GateTestSupport.ORDER_DATE), POLICY.settings(CodingGate.DEFINITION)));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).contains("No proposed Hemgenix order", "J1411 x 1 unit", "96365");
    }
}
