package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.genegate.gates.Gates;
import org.genegate.policy.PolicyLoader;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    /** The gates the shipped product policies run (docs/gates.md), by their ids. */
    static final Set<String> GATES = PolicyLoader.loadShipped(Gates.ALL).all().stream()
            .flatMap(p -> p.gates().keySet().stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> NOT_PASSING = Set.of("FAIL", "MISSING", "STALE", "COULD_NOT_VERIFY");
    private static final List<String> CARD_ORDER = List.of("critical", "documentation", "coding", "payer");

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @Test
    void theAgreedScenariosAreAllThere() {
        List<String> ids = Scenarios.all().stream().map(Scenario::id).toList();

        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(16).contains("eligible", "pediatric",
                "nab-high", "nab-missing", "nab-stale", "inhibitor-once", "inhibitor-twice",
                "no-prophylaxis-or-bleeds", "hepatitis-b", "prior-hemgenix", "dose-wrong", "weight-pounds",
                "wrong-hcpcs", "liver-workup-missing", "no-monitoring-plan", "wrong-admin-cpt",
                "liver-cirrhosis-elastography", "liver-imaging-abnormal", "liver-imaging-stale",
                "liver-procedure-no-report", "nab-678-exact", "nab-extended-range-899", "duplicate-hemgenix-order",
                "roctavian-eligible", "roctavian-pediatric", "roctavian-antibody-detected", "roctavian-antibody-missing",
                "roctavian-inhibitor-positive", "roctavian-cirrhosis-elastography", "roctavian-dose-hemgenix-formula");
        assertThat(Scenarios.byId("eligible").expectedFindings()).isEmpty();
        assertThat(Scenarios.byId("eligible").expectedCards()).containsExactly("payer");
        assertThatThrownBy(() -> Scenarios.byId("no-such-scenario")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void bundleIsAnIdempotentTransaction(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        Set<String> seen = new HashSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            String typeAndId = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            assertThat(entry.getRequest().getMethod()).as(typeAndId).isEqualTo(Bundle.HTTPVerb.PUT);
            assertThat(entry.getRequest().getUrl()).isEqualTo(typeAndId);
            assertThat(resource.getIdElement().getIdPart()).startsWith(scenario.id() + "-").hasSizeLessThanOrEqualTo(64);
            assertThat(seen.add(typeAndId)).as("duplicate " + typeAndId).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void ordersHoldTheDraftGeneTherapyRequest(Scenario scenario) {
        Bundle orders = CTX.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());

        assertThat(orders.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        List<MedicationRequest> requests = orders.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationRequest.class::isInstance).map(MedicationRequest.class::cast).toList();
        assertThat(requests).hasSize(1);
        MedicationRequest order = requests.get(0);
        assertThat(order.getIdElement().getIdPart()).startsWith(scenario.id() + "-");
        assertThat(order.getStatus()).isEqualTo(MedicationRequest.MedicationRequestStatus.DRAFT);
        assertThat(order.getIntent()).isEqualTo(MedicationRequest.MedicationRequestIntent.ORDER);
        assertThat(order.getSubject().getReference()).isEqualTo("Patient/" + scenario.patientId());
        assertThat(order.getEncounter().getReference()).isEqualTo("Encounter/" + scenario.encounterId());
        assertThat(order.getRequester().getReference()).isEqualTo(scenario.userId());
        assertThat(order.getAuthoredOnElement().getValueAsString()).isEqualTo(scenario.dates().shift("2026-11-20"));
        assertThat(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().hasDoseQuantity()).isTrue();
        assertThat(orders.getEntry()).allSatisfy(e ->
                assertThat(e.getResource().getIdElement().getIdPart()).startsWith(scenario.id() + "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyReferenceResolvesWithinTheScenario(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        Bundle orders = CTX.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());
        Set<String> ids = new HashSet<>();
        List<Resource> resources = new ArrayList<>();
        for (Bundle b : List.of(bundle, orders)) {
            for (Bundle.BundleEntryComponent entry : b.getEntry()) {
                Resource resource = entry.getResource();
                resources.add(resource);
                ids.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            }
        }

        assertThat(ids).contains("Patient/" + scenario.patientId(), "Encounter/" + scenario.encounterId(),
                scenario.userId());
        for (Resource resource : resources) {
            for (Reference reference : references(resource)) {
                assertThat(ids).as(resource.getIdElement().getIdPart() + " → " + reference.getReference())
                        .contains(reference.getReference());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void expectationsNameRealGatesAndFollowTheCardRules(Scenario scenario) {
        Map<String, String> findings = scenario.expectedFindings();
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());

        assertThat(findings.keySet()).isSubsetOf(GATES);
        assertThat(findings.values()).isSubsetOf(NOT_PASSING);
        assertThat(scenario.expectedCards()).isSubsetOf(CARD_ORDER).doesNotHaveDuplicates()
                .isSortedAccordingTo((a, b) -> CARD_ORDER.indexOf(a) - CARD_ORDER.indexOf(b));
        List<String> derived = new ArrayList<>();
        if (findings.entrySet().stream().anyMatch(f -> severity(f.getKey(), f.getValue(), bundle).equals("critical"))) {
            derived.add("critical");
        }
        if (findings.entrySet().stream().anyMatch(f -> !f.getKey().equals("coding") && !f.getKey().equals("payer")
                && severity(f.getKey(), f.getValue(), bundle).equals("warning"))) {
            derived.add("documentation");
        }
        if (findings.containsKey("coding")) {
            derived.add("coding");
        }
        // Payer facts are always an info card: a matched Coverage passes with INFO, none is MISSING (info).
        derived.add("payer");
        assertThat(scenario.expectedCards()).isEqualTo(derived);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void patientViewExpectationsNameRealAlertsAndOnlyFollowAHemgenixDose(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        boolean dosed = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .anyMatch(r -> r.fhirType().equals("MedicationAdministration"));

        assertThat(scenario.expectedPatientViewCards()).doesNotHaveDuplicates()
                .isSubsetOf("overdue", "alt", "inhibitor", "fix-activity", "fix-activity-not-comparable",
                        "outcomes-agreement", "no-plan");
        if (!dosed) {
            assertThat(scenario.expectedPatientViewCards()).isEmpty();
        } else {
            // A dosed patient may not be ordered Hemgenix again.
            assertThat(scenario.expectedFindings()).containsEntry("prior-gene-therapy", "FAIL");
        }
    }

    /** The default policy's severity for a gate's status (docs/gates.md). */
    private static String severity(String gate, String status, Bundle bundle) {
        if (status.equals("COULD_NOT_VERIFY")) {
            return "warning";
        }
        return switch (gate) {
            case "age" -> status.equals("FAIL") ? "critical" : "warning";
            // A completed Hemgenix dose is a prior dose (critical); another open Hemgenix order only a duplicate.
            case "prior-gene-therapy" -> status.equals("FAIL") && dosed(bundle) ? "critical" : "warning";
            // Cirrhosis or advanced fibrosis on imaging is the EU SmPC contraindication; other findings are warnings.
            case "baseline-liver" -> status.equals("FAIL") && advancedLiverDisease(bundle) ? "critical" : "warning";
            case "fix-inhibitor" -> status.equals("FAIL") && latestInhibitorPositive(bundle, "3185-6") ? "critical"
                    : "warning";
            case "fviii-inhibitor" -> status.equals("FAIL") && latestInhibitorPositive(bundle, "3204-5") ? "critical"
                    : "warning";
            // Roctavian's label requires a negative result of an FDA-approved test: detected or missing both block.
            case "aav5-total-antibody" -> "critical";
            // Roctavian's indication: FVIII activity below 1 IU/dL.
            case "fviii-activity" -> status.equals("FAIL") ? "critical" : "warning";
            case "site-of-care" -> status.equals("MISSING") ? "info" : "warning";
            case "prescriber" -> status.equals("FAIL") ? "info" : "none";
            case "payer" -> "info";
            default -> "warning";
        };
    }

    private static boolean dosed(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(MedicationAdministration.class::isInstance).map(MedicationAdministration.class::cast)
                .anyMatch(a -> a.getStatus() == MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
    }

    /** Cirrhosis coded on a liver imaging report, or a liver stiffness of 15 kPa or more (the policy's defaults). */
    private static boolean advancedLiverDisease(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).anyMatch(r ->
                r instanceof DiagnosticReport report && report.getConclusionCode().stream()
                        .flatMap(c -> c.getCoding().stream())
                        .anyMatch(c -> Set.of("19943007", "62484002").contains(c.getCode()))
                || r instanceof Observation observation && observation.getCode().getCoding().stream()
                        .anyMatch(c -> c.getCode().equals("liver-stiffness"))
                        && observation.getValueQuantity().getValue().compareTo(new BigDecimal("15")) >= 0);
    }

    /** An inhibitor FAIL whose latest result is negative is the payer's history criterion: a warning. */
    private static boolean latestInhibitorPositive(Bundle bundle, String loincCode) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance).map(Observation.class::cast)
                .filter(o -> o.getCode().getCoding().stream().anyMatch(c -> c.getCode().equals(loincCode)))
                .max(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue()))
                .map(o -> o.getValueQuantity().getValue().compareTo(new BigDecimal("0.6")) >= 0)
                .orElse(false);
    }

    private static List<Reference> references(Resource resource) {
        List<Reference> references = new ArrayList<>();
        collect(resource, references);
        return references;
    }

    private static void collect(Base element, List<Reference> out) {
        for (Property property : element.children()) {
            for (Base value : property.getValues()) {
                if (value instanceof Reference reference && reference.hasReference()) {
                    out.add(reference);
                } else if (!value.isPrimitive()) {
                    collect(value, out);
                }
            }
        }
    }
}
