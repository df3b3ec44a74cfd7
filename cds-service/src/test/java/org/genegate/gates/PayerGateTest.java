package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.ORDER_DATE;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import java.util.Optional;
import org.genegate.policy.PayerEntry;
import org.genegate.policy.PayerSettings;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class PayerGateTest {

    private final PayerGate gate = new PayerGate();

    private GateInput<PayerSettings> in(Resource... coveragePart) {
        return input(record().with(RecordPart.COVERAGE, coveragePart).build(), order(), POLICY.payer());
    }

    private static Coverage coverage(String id, String payorDisplay) {
        Coverage coverage = new Coverage();
        coverage.setId(id);
        coverage.setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.addPayor(new Reference().setDisplay(payorDisplay));
        return coverage;
    }

    @Test
    void aKnownPayerPassesAsAnInfoCardWithCrdFacts() {
        GateInput<PayerSettings> in = in(coverage("cov-1", "UnitedHealthcare Community Plan"));

        GateFinding finding = gate.evaluate(in);
        assertThat(finding.status()).isEqualTo(GateStatus.PASS);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.message()).contains("UnitedHealthcare (Optum)", "prior authorization is required");

        CoverageDetermination determination = gate.coverageDetermination(in).orElseThrow();
        assertThat(determination.coverageReference()).isEqualTo("Coverage/cov-1");
        assertThat(determination.payerId()).isEqualTo("uhc");
        assertThat(determination.covered()).isEqualTo("conditional");
        assertThat(determination.paNeeded()).isEqualTo("auth-needed");
        assertThat(determination.documentation()).contains("Anti-AAV5 NAb result (no payer threshold found)");
    }

    @Test
    void thePayorOrganizationNameIsMatched() {
        Coverage coverage = coverage("cov-2", null);
        coverage.getPayorFirstRep().setReference("Organization/org-1");
        Organization aetna = new Organization();
        aetna.setId("org-1");
        aetna.setName("Aetna Life Insurance Company");

        assertThat(gate.coverageDetermination(in(coverage, aetna)).orElseThrow().payerId()).isEqualTo("aetna");
    }

    @Test
    void medicareVariesSoBothCrdFactsAreConditional() {
        CoverageDetermination determination = gate.coverageDetermination(in(coverage("c", "Medicare Part B")))
                .orElseThrow();

        assertThat(determination.covered()).isEqualTo("conditional");
        assertThat(determination.paNeeded()).isEqualTo("conditional");
        assertThat(determination.documentation()).contains("MAC LCD: none found for J1411; check the MAC");
    }

    @Test
    void theShippedTableRepeatsNoneOfTheBillingSheetsPayerErrors() {
        for (PayerEntry entry : POLICY.payers()) {
            String all = String.join(" ", entry.documentation()) + " " + entry.outcomesBasedAgreement();
            assertThat(all).doesNotContainIgnoringCase("Access Model").doesNotContain("< 1:678", "<1:678");
        }
        assertThat(POLICY.payers()).extracting(PayerEntry::name).containsExactly("UnitedHealthcare (Optum)", "Aetna",
                "BCBS plans", "Cigna / Accredo", "State Medicaid", "Medicare Part B");
    }

    @Test
    void anUnknownPayerIsMissingAsInfoButStillConditional() {
        GateInput<PayerSettings> in = in(coverage("c", "Acme Health"));

        GateFinding finding = gate.evaluate(in);
        assertThat(finding.status()).isEqualTo(GateStatus.MISSING);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        CoverageDetermination determination = gate.coverageDetermination(in).orElseThrow();
        assertThat(determination.payerId()).isNull();
        assertThat(determination.payerName()).isEqualTo("Acme Health");
        assertThat(determination.paNeeded()).isEqualTo("conditional");
    }

    @Test
    void anEndedOrCancelledCoverageIsNotActive() {
        Coverage ended = coverage("c1", "Aetna");
        ended.setPeriod(new Period().setEndElement(new DateTimeType(ORDER_DATE.minusDays(1).toString())));
        Coverage cancelled = coverage("c2", "Aetna").setStatus(Coverage.CoverageStatus.CANCELLED);

        GateInput<PayerSettings> in = in(ended, cancelled);
        assertThat(gate.evaluate(in).status()).isEqualTo(GateStatus.MISSING);
        assertThat(gate.coverageDetermination(in)).isEmpty();
    }

    @Test
    void aPeriodEndingOnTheOrderDateStillCovers() {
        Coverage coverage = coverage("c1", "Cigna");
        coverage.setPeriod(new Period().setStartElement(new DateTimeType("2026-01-01"))
                .setEndElement(new DateTimeType(ORDER_DATE.toString())));

        assertThat(gate.evaluate(in(coverage)).status()).isEqualTo(GateStatus.PASS);
    }

    @Test
    void thePrimaryCoverageWins() {
        Coverage secondary = coverage("c2", "Medicaid of Somewhere").setOrder(2);
        Coverage primary = coverage("c1", "Blue Cross Blue Shield").setOrder(1);

        Optional<CoverageDetermination> determination = gate.coverageDetermination(in(secondary, primary));
        assertThat(determination.orElseThrow().payerId()).isEqualTo("bcbs");
    }
}
