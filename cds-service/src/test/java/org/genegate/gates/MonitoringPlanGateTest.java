package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.concept;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.junit.jupiter.api.Test;

class MonitoringPlanGateTest {

    private final MonitoringPlanGate gate = new MonitoringPlanGate();

    private GateFinding evaluate(CarePlan... plans) {
        return gate.evaluate(input(record().with(RecordPart.CARE_PLANS, plans).build(), order(),
                POLICY.settings(MonitoringPlanGate.DEFINITION)));
    }

    private static CarePlan plan(CarePlan.CarePlanStatus status, String categoryCode) {
        CarePlan plan = new CarePlan();
        plan.setId("cp-1");
        plan.setStatus(status);
        plan.addCategory(concept(GeneGateTerminology.CODE_SYSTEM, categoryCode));
        return plan;
    }

    @Test
    void aDraftOrActiveMonitoringPlanPasses() {
        assertThat(evaluate(plan(CarePlan.CarePlanStatus.DRAFT, GeneGateTerminology.GENE_THERAPY_MONITORING)).status())
                .isEqualTo(GateStatus.PASS);
        assertThat(evaluate(plan(CarePlan.CarePlanStatus.ACTIVE, GeneGateTerminology.GENE_THERAPY_MONITORING)).status())
                .isEqualTo(GateStatus.PASS);
    }

    @Test
    void aRevokedPlanOrAnotherCategoryIsMissingWithASuggestionToCreateOne() {
        GateFinding finding = evaluate(plan(CarePlan.CarePlanStatus.REVOKED, GeneGateTerminology.GENE_THERAPY_MONITORING),
                plan(CarePlan.CarePlanStatus.ACTIVE, "something-else"));

        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.remedies()).singleElement().isInstanceOf(Remedy.CreateMonitoringPlan.class);
    }
}
