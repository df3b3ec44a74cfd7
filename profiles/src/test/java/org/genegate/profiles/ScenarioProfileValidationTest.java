package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every scenario resource against the US Core 3.1.1 profile it is shaped on and, where it is one of
 * the kinds GeneGate profiles (NAb titer, FIX activity, FIX inhibitor, J1411 order, monitoring plan), against
 * GeneGate's profile too; and the draft orders against Da Vinci CRD 2.0.1, which is what Inferno checks of the
 * orders an EHR sends. The packages are public HL7 data kept beside the checkout ({@code ../shared/conformance});
 * where they are absent (a fresh machine) the test is skipped rather than failed.
 *
 * <p>Some scenarios carry a deliberate defect the gates must cope with (a titer sent as text, an order coded
 * J3490); those resources are held to the base profiles only, and a separate test shows that GeneGate's
 * profile rejects them, so the profiles are known to have teeth.
 */
class ScenarioProfileValidationTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";
    private static final String CRD = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/";
    private static final Map<String, String> US_CORE_PROFILES = Map.ofEntries(
            Map.entry("Patient", "us-core-patient"), Map.entry("Practitioner", "us-core-practitioner"),
            Map.entry("PractitionerRole", "us-core-practitionerrole"),
            Map.entry("Organization", "us-core-organization"), Map.entry("Location", "us-core-location"),
            Map.entry("Encounter", "us-core-encounter"), Map.entry("Condition", "us-core-condition"),
            Map.entry("DiagnosticReport", "us-core-diagnosticreport-note"),
            Map.entry("CarePlan", "us-core-careplan"), Map.entry("MedicationRequest", "us-core-medicationrequest"));

    /** Resources whose deliberate defect GeneGate's profile must reject: id → the profile. */
    private static final Map<String, String> DELIBERATE_DEFECTS = Map.of(
            "nab-string-value-aav5-nab", GeneGateProfiles.AAV5_NAB_TITER,
            "wrong-hcpcs-hemgenix-order", GeneGateProfiles.J1411_MEDICATION_REQUEST,
            "ndc-coded-hemgenix-order", GeneGateProfiles.J1411_MEDICATION_REQUEST);

    private static ConformanceValidator validator;

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @BeforeAll
    static void loadPackages() {
        Optional<ConformanceValidator> offline = ConformanceValidator.offline(CTX);
        Assumptions.assumeTrue(offline.isPresent(), "Skipped: shared/conformance with the US Core 3.1.1 and CRD "
                + "2.0.1 packages is not beside this checkout");
        validator = offline.get();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordConformsToUsCoreAndGeneGateProfiles(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        List<String> errors = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            for (String profile : profilesOf(resource)) {
                errors.addAll(validator.errors(resource, profile));
            }
        }
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void draftOrdersConformToCrdAndGeneGateProfiles(Scenario scenario) {
        Bundle orders = CTX.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());
        List<String> errors = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : orders.getEntry()) {
            Resource order = entry.getResource();
            errors.addAll(validator.errors(order, CRD + "profile-" + order.fhirType().toLowerCase(Locale.ROOT)));
            Optional<String> genegate = geneGateProfileOf(order);
            if (genegate.isPresent()) {
                errors.addAll(validator.errors(order, genegate.get()));
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void geneGateProfilesRejectTheDeliberateDefects() {
        int checked = 0;
        for (Scenario scenario : Scenarios.all()) {
            List<Resource> resources = new ArrayList<>();
            CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson()).getEntry()
                    .forEach(e -> resources.add(e.getResource()));
            CTX.newJsonParser().parseResource(Bundle.class, scenario.ordersJson()).getEntry()
                    .forEach(e -> resources.add(e.getResource()));
            for (Resource resource : resources) {
                String profile = DELIBERATE_DEFECTS.get(resource.getIdElement().getIdPart());
                if (profile != null) {
                    assertThat(validator.errors(resource, profile)).as(resource.getIdElement().getIdPart()).isNotEmpty();
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(DELIBERATE_DEFECTS.size());
    }

    private static List<String> profilesOf(Resource resource) {
        List<String> profiles = new ArrayList<>();
        if (resource instanceof Observation observation) {
            if (hasCode(observation.getCode(), GeneGateTerminology.ANNUALIZED_BLEEDING_RATE)
                    || hasCode(observation.getCode(), GeneGateTerminology.FIX_PRODUCT_USE)
                    || hasCode(observation.getCode(), GeneGateTerminology.LIVER_STIFFNESS)) {
                // Bleeding rate, factor use and the elastography's liver stiffness are not lab results; US Core
                // 3.1.1 has no profile for them.
                profiles.add("http://hl7.org/fhir/StructureDefinition/Observation");
            } else {
                profiles.add(hasCode(observation.getCode(), GeneGateTerminology.LOINC_BODY_WEIGHT)
                        ? "http://hl7.org/fhir/StructureDefinition/bodyweight"
                        : US_CORE + "us-core-observation-lab");
            }
        } else if (resource.fhirType().equals("Coverage")) {
            profiles.add(CRD + "profile-coverage");
        } else if (US_CORE_PROFILES.containsKey(resource.fhirType())) {
            profiles.add(US_CORE + US_CORE_PROFILES.get(resource.fhirType()));
        }
        geneGateProfileOf(resource).ifPresent(profiles::add);
        return profiles;
    }

    /** GeneGate's profile for the kinds of resource it profiles, unless the resource is a deliberate defect. */
    static Optional<String> geneGateProfileOf(Resource resource) {
        if (DELIBERATE_DEFECTS.containsKey(resource.getIdElement().getIdPart())) {
            return Optional.empty();
        }
        if (resource instanceof Observation observation) {
            CodeableConcept code = observation.getCode();
            if (hasCode(code, GeneGateTerminology.AAV5_NAB_TITER)) {
                return Optional.of(GeneGateProfiles.AAV5_NAB_TITER);
            }
            if (hasCode(code, GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT)
                    || hasCode(code, GeneGateTerminology.LOINC_FIX_ACTIVITY_IU_DL)) {
                return Optional.of(GeneGateProfiles.FIX_ACTIVITY);
            }
            if (hasCode(code, GeneGateTerminology.LOINC_FIX_INHIBITOR_BU)) {
                return Optional.of(GeneGateProfiles.FIX_INHIBITOR);
            }
        }
        if (resource instanceof CarePlan plan && plan.getCategory().stream()
                .anyMatch(c -> hasCode(c, GeneGateTerminology.GENE_THERAPY_MONITORING))) {
            return Optional.of(GeneGateProfiles.MONITORING_CARE_PLAN);
        }
        if (resource instanceof MedicationRequest order && order.hasMedicationCodeableConcept()
                && isHemgenix(order.getMedicationCodeableConcept())) {
            return Optional.of(GeneGateProfiles.J1411_MEDICATION_REQUEST);
        }
        return Optional.empty();
    }

    private static boolean isHemgenix(CodeableConcept medication) {
        String text = (medication.getText() + " " + medication.getCoding().stream().map(Coding::getDisplay)
                .toList()).toLowerCase(Locale.ROOT);
        return hasCode(medication, "J1411") || text.contains("hemgenix")
                || text.contains("etranacogene");
    }

    private static boolean hasCode(CodeableConcept concept, String code) {
        return concept.getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
    }
}
