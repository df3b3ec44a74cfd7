package org.genegate.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.genegate.gates.GateTestSupport.ORDER_DATE;
import static org.genegate.gates.GateTestSupport.POLICY;
import static org.genegate.gates.GateTestSupport.input;
import static org.genegate.gates.GateTestSupport.order;
import static org.genegate.gates.GateTestSupport.record;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
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
        return input(record().with(RecordPart.COVERAGE, coveragePart).build(), order(), POLICY.settings(PayerGate.DEFINITION));
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
        for (PayerEntry entry : POLICY.settings(PayerGate.DEFINITION).payers()) {
            String all = String.join(" ", entry.documentation()) + " " + entry.outcomesBasedAgreement();
            assertThat(all).doesNotContainIgnoringCase("Access Model").doesNotContain("< 1:678", "<1:678");
        }
        assertThat(POLICY.settings(PayerGate.DEFINITION).payers()).extracting(PayerEntry::name).containsExactly("UnitedHealthcare (Optum)", "Aetna",
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

    // Public Coverage examples (test resources clients/coverage, sources in SOURCES.md there).

    @Test
    void theCrdReferenceDataCoverageOfCmsWithAMedicarePlanIsMedicareNotMedicaid() {
        Coverage cov015 = (Coverage) fixture("inferno-ri-preset-coverage-cov015.json").get(0);
        Resource cms = fixture("crd-request-generator-organization-org1234.json").get(0);

        PayerGate.PayerMatch match = gate.match(in(cov015, cms)).orElseThrow();

        assertThat(match.payorName()).isEqualTo("Centers for Medicare and Medicaid Services");
        assertThat(match.entry().orElseThrow().id()).isEqualTo("medicare-part-b");
    }

    @Test
    void aCoverageWhosePayorIsNotInThePrefetchIsMatchedOnItsPlan() {
        // Inferno's preset prefetch holds the Coverage only: its payor Organization/org1234 is not there.
        GateInput<PayerSettings> in = in(fixture("inferno-ri-preset-coverage-cov015.json").toArray(Resource[]::new));

        assertThat(gate.coverageDetermination(in).orElseThrow().payerId()).isEqualTo("medicare-part-b");
        assertThat(gate.evaluate(in).message()).startsWith("Medicare Part B:");
    }

    @Test
    void theTestEhrsMedicarePartBCoverageUnderTheOldClassSystemIsMedicare() {
        Coverage cov014 = (Coverage) fixture("test-ehr-coverage-cov014.json").get(0);
        Resource cms = fixture("crd-request-generator-organization-org1234.json").get(0);

        assertThat(gate.match(in(cov014, cms)).orElseThrow().entry().orElseThrow().id()).isEqualTo("medicare-part-b");
    }

    @Test
    void cmsWithAMedicaidPlanIsMedicaid() {
        Coverage coverage = coverage("c", "Centers for Medicare and Medicaid Services");
        coverage.addClass_().setType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/coverage-class", "plan", null))).setValue("Medicaid");

        assertThat(gate.match(in(coverage)).orElseThrow().entry().orElseThrow().id()).isEqualTo("medicaid");
    }

    @Test
    void theCrdExampleAcmeCoverageMatchesNoRowDespiteItsPlanNames() {
        GateInput<PayerSettings> in = in(fixture("crd-2.2.1-request-coverage-cov1.json").toArray(Resource[]::new));

        PayerGate.PayerMatch match = gate.match(in).orElseThrow();
        assertThat(match.payorName()).isEqualTo("Acme Health Plan");
        assertThat(match.entry()).isEmpty();
        assertThat(gate.evaluate(in).status()).isEqualTo(GateStatus.MISSING);
    }

    @Test
    void theCrdIgCoverageExampleHasEndedSoNoCoverageIsActive() {
        GateInput<PayerSettings> in = in(fixture("crd-2.0.1-coverage-example.json").toArray(Resource[]::new));

        assertThat(gate.match(in)).isEmpty();
    }

    @Test
    void payerNamesMatchOnlyAsWholeWords() {
        assertThat(gate.match(in(coverage("c", "Suhcare Mutual"))).orElseThrow().entry()).isEmpty();
        assertThat(gate.match(in(coverage("c", "MedicareBlue Rx"))).orElseThrow().entry()).isEmpty();
        assertThat(gate.match(in(coverage("c", "UHC Community Plan"))).orElseThrow().entry().orElseThrow().id())
                .isEqualTo("uhc");
        assertThat(gate.match(in(coverage("c", "Blue Cross of Idaho"))).orElseThrow().entry().orElseThrow().id())
                .isEqualTo("bcbs");
        // A later whole-word occurrence counts after an earlier one inside a word; digits and any script's letters
        // join a word, punctuation does not.
        assertThat(gate.match(in(coverage("c", "Suhcare / UHC"))).orElseThrow().entry().orElseThrow().id())
                .isEqualTo("uhc");
        assertThat(gate.match(in(coverage("c", "UHC2 Plan"))).orElseThrow().entry()).isEmpty();
        assertThat(gate.match(in(coverage("c", "éUHC Plan"))).orElseThrow().entry()).isEmpty();
        assertThat(gate.match(in(coverage("c", "(UHC)"))).orElseThrow().entry().orElseThrow().id()).isEqualTo("uhc");
    }

    @Test
    void aNationalCarriersMedicareAdvantagePlanFollowsTheCarrier() {
        Coverage coverage = coverage("c", "UnitedHealthcare");
        coverage.addClass_().setType(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/coverage-class", "plan", null))).setValue("AARP Medicare Advantage");

        assertThat(gate.match(in(coverage)).orElseThrow().entry().orElseThrow().id()).isEqualTo("uhc");
    }

    /** The resources of a fixture: a Bundle's entries, or the resource itself. */
    private static List<Resource> fixture(String name) {
        try (InputStream in = PayerGateTest.class.getResourceAsStream("/clients/coverage/" + name)) {
            Resource parsed = (Resource) FhirContext.forR4Cached().newJsonParser()
                    .parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            List<Resource> resources = new ArrayList<>();
            if (parsed instanceof Bundle bundle) {
                bundle.getEntry().forEach(e -> resources.add(e.getResource()));
            } else {
                resources.add(parsed);
            }
            return resources;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
