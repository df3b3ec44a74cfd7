package org.genegate.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.genegate.cdshooks.Action;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.Link;
import org.genegate.cdshooks.Suggestion;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateCatalog;
import org.genegate.gates.Gates;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.ProductRecognition;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CardComposerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private static final Policy POLICY = PolicyLoader.loadDefault(Gates.ALL);

    private final CardComposer composer = new CardComposer(FHIR, new CardSettings("GeneGate", null,
            List.of(new CardCoding("s", "c", "d")), List.of(new Link("HEMGENIX Connect", "https://www.hemgenix.com/",
            "absolute")), POLICY.product()), new MonitoringPlanBuilder(POLICY.monitoring(), POLICY.product()));

    private static DraftOrder order() {
        MedicationRequest request = new MedicationRequest()
                .setMedication(new CodeableConcept(new Coding(GeneGateTerminology.HCPCS, "J3490", null)))
                .setSubject(new Reference("Patient/p1")).setRequester(new Reference("Practitioner/u1"));
        request.setId("mr1");
        return new DraftOrder(request, new ProductRecognition(ProductRecognition.By.HCPCS_UNCLASSIFIED,
                GeneGateTerminology.HCPCS, "J3490"), List.of(), LocalDate.of(2026, 11, 20));
    }

    private static GateFinding finding(String gate, GateStatus status, Severity severity, Remedy... remedies) {
        return new GateFinding(gate, status, severity, gate + " message", List.of(), "a source",
                GateCatalog.of(POLICY).sources(gate), List.of(remedies));
    }

    @Test
    void groupsFindingsIntoOneCardPerKindWithinTheSummaryLimit() {
        List<GateFinding> findings = new ArrayList<>();
        for (String gate : POLICY.gates().keySet()) {
            findings.add(finding(gate, GateStatus.FAIL, Severity.CRITICAL));
        }
        findings.add(finding("diagnosis", GateStatus.MISSING, Severity.WARNING));
        findings.add(finding("payer", GateStatus.MISSING, Severity.INFO));
        findings.add(finding("age", GateStatus.COULD_NOT_VERIFY, Severity.WARNING));

        List<Card> cards = composer.compose(new Assessment(order(), findings, null, "test", POLICY.product(), GateCatalog.of(POLICY)), null);

        assertThat(cards).extracting(Card::indicator).containsExactly("critical", "warning", "warning", "info");
        assertThat(cards).allSatisfy(card -> {
            assertThat(card.summary()).hasSizeLessThanOrEqualTo(CardComposer.MAX_SUMMARY).contains("Hemgenix");
            assertThat(card.uuid()).isNotBlank();
            assertThat(card.source().topic().code()).isNotBlank();
        });
        assertThat(cards.get(0).summary()).endsWith("…");
        assertThat(cards.get(0).overrideReasons()).isNotEmpty();
    }

    @Test
    void remediesBecomeSuggestionsWithFhirResources() {
        List<GateFinding> findings = List.of(
                finding("nab-aav5", GateStatus.MISSING, Severity.WARNING, new Remedy.OrderTest(
                        GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.AAV5_NAB_TITER, "AAV5 NAb", "none")),
                finding("fix-inhibitor", GateStatus.MISSING, Severity.WARNING, new Remedy.OrderTest(
                        GeneGateTerminology.LOINC, "3185-6", "FIX inhibitor", "none")),
                finding("monitoring-plan", GateStatus.MISSING, Severity.WARNING,
                        new Remedy.CreateMonitoringPlan("weekly ALT and FIX activity for 12 weeks after Hemgenix")),
                finding("weight-and-dose", GateStatus.FAIL, Severity.WARNING, new Remedy.UpdateDose(
                        new BigDecimal("140"), new BigDecimal("1.4E15"), 14, new BigDecimal("70"), "Hemgenix", "gc",
                        new BigDecimal("2E13"))),
                finding("coding", GateStatus.FAIL, Severity.WARNING, new Remedy.ReplaceCode(
                        GeneGateTerminology.HCPCS, "J3490", GeneGateTerminology.HCPCS, "J1411", "J1411 display",
                        "use J1411")));

        List<Card> cards = composer.compose(new Assessment(order(), findings, null, "test", POLICY.product(), GateCatalog.of(POLICY)), null);

        Card documentation = cards.get(0);
        assertThat(documentation.suggestions()).extracting(Suggestion::label).containsExactly(
                "Order the 2 missing tests",
                "Create the post-infusion monitoring plan (weekly ALT and FIX activity for 12 weeks after Hemgenix)",
                "Set the dose to 140 mL (14 vials) for 70 kg");
        assertThat(documentation.suggestions().get(0).actions()).extracting(Action::type)
                .containsOnly("create");
        assertThat(documentation.suggestions().get(0).actions().get(0).resource())
                .contains("\"resourceType\":\"ServiceRequest\"", "aav5-nab-titer", "Patient/p1");
        assertThat(documentation.suggestions().get(1).actions().get(0).resource())
                .contains("\"resourceType\":\"CarePlan\"", "gene-therapy-monitoring").doesNotContain("prednisone");
        assertThat(documentation.suggestions().get(2).actions().get(0).resource())
                .contains("\"value\":140", "\"id\":\"mr1\"");
        Card coding = cards.get(1);
        assertThat(coding.suggestions().get(0).actions().get(0).resource()).contains("J1411").doesNotContain("J3490");
        assertThat(cards).flatExtracting(Card::suggestions).extracting(Suggestion::uuid).doesNotHaveDuplicates();
    }

    @Test
    void genomeCopiesReadAsCliniciansWriteThem() {
        assertThat(RemedyResources.scientific(new BigDecimal("1.4E15"))).isEqualTo("1.4 x 10^15");
        assertThat(RemedyResources.scientific(new BigDecimal("1600000000000000"))).isEqualTo("1.6 x 10^15");
    }

    @Test
    void theCriticalCardNamesEachFindingsOwnSourceAndNeverCallsAPayerRuleLabel() {
        GateFinding age = finding("age", GateStatus.FAIL, Severity.CRITICAL);
        GateFinding duplicatePayerRule = new GateFinding("prior-gene-therapy", GateStatus.FAIL, Severity.CRITICAL,
                "prior message", List.of(), "a source", List.of(SourceClass.PAYER), List.of());

        Card critical = composer.compose(new Assessment(order(), List.of(age, duplicatePayerRule), null, "test", POLICY.product(), GateCatalog.of(POLICY)), null)
                .get(0);

        assertThat(critical.indicator()).isEqualTo("critical");
        assertThat(critical.detail()).contains("These findings come from: Age: US label; Prior gene therapy: payer policy.")
                .contains("**Age** (failed; US label)", "**Prior gene therapy** (failed; payer policy)")
                .doesNotContain("label or clinical safety");
        assertThat(critical.extension().get(CardComposer.FINDINGS_EXTENSION)).asList()
                .extracting(f -> ((CardFinding) f).sources())
                .containsExactly(List.of("US label"), List.of("payer policy"));
    }

    @Test
    void aFindingRestingOnSeveralClassesNamesThemAll() {
        GateFinding liver = new GateFinding("baseline-liver", GateStatus.FAIL, Severity.CRITICAL, "cirrhosis",
                List.of(), "a source", List.of(SourceClass.SMPC, SourceClass.LABEL), List.of());

        assertThat(CardComposer.sourceClassText(liver)).isEqualTo("EU SmPC and US label");
    }

    @Test
    void aHepatologyConsultSuggestionIsAReferral() {
        GateFinding liver = finding("baseline-liver", GateStatus.FAIL, Severity.WARNING, new Remedy.OrderTest(
                GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.HEPATOLOGY_CONSULT, "Hepatology consultation",
                "assess eligibility"));

        Card card = composer.compose(new Assessment(order(), List.of(liver), null, "test", POLICY.product(), GateCatalog.of(POLICY)), null).get(0);

        assertThat(card.suggestions().get(0).label()).isEqualTo("Order Hepatology consultation");
        assertThat(card.suggestions().get(0).actions().get(0).resource()).contains("3457005", "Patient referral",
                "hepatology-consult");
    }
}
