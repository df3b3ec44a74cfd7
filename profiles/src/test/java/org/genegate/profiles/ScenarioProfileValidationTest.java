package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validates every scenario resource against the US Core 3.1.1 profile it is shaped on, and the draft
 * orders and Coverage against Da Vinci CRD 2.0.1, which is what Inferno checks of the orders an EHR
 * sends. The packages are public HL7 data kept beside the checkout ({@code ../shared/conformance});
 * where they are absent (a fresh machine) the test is skipped rather than failed.
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

    private static FhirValidator validator;

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @BeforeAll
    static void loadPackages() throws IOException {
        Optional<Path> conformance = conformanceFolder();
        Assumptions.assumeTrue(conformance.isPresent(),
                "shared/conformance with the US Core and CRD packages is not beside this checkout");
        PrePopulatedValidationSupport packages = new PrePopulatedValidationSupport(CTX);
        load(conformance.get().resolve("us_core_311.tgz"), packages);
        load(conformance.get().resolve("davinci-crd-2.0.1.tgz"), packages);
        ValidationSupportChain chain = new ValidationSupportChain(packages, new DefaultProfileValidationSupport(CTX),
                new CommonCodeSystemsTerminologyService(CTX), new InMemoryTerminologyServerValidationSupport(CTX));
        validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordConformsToUsCore(Scenario scenario) {
        Bundle bundle = CTX.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
        List<String> errors = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            profileOf(entry.getResource()).ifPresent(profile -> errors.addAll(errors(entry.getResource(), profile)));
        }
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void draftOrdersConformToCrd(Scenario scenario) {
        Bundle orders = CTX.newJsonParser().parseResource(Bundle.class, scenario.ordersJson());
        List<String> errors = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : orders.getEntry()) {
            Resource order = entry.getResource();
            errors.addAll(errors(order, CRD + "profile-" + order.fhirType().toLowerCase(Locale.ROOT)));
        }
        assertThat(errors).isEmpty();
    }

    private static Optional<String> profileOf(Resource resource) {
        if (resource instanceof Observation observation) {
            if (isOutcome(observation.getCode())) {
                // Bleeding rate and factor use are not lab results; US Core 3.1.1 has no profile for them.
                return Optional.of("http://hl7.org/fhir/StructureDefinition/Observation");
            }
            return Optional.of(isBodyWeight(observation.getCode())
                    ? "http://hl7.org/fhir/StructureDefinition/bodyweight"
                    : US_CORE + "us-core-observation-lab");
        }
        if (resource.fhirType().equals("Coverage")) {
            return Optional.of(CRD + "profile-coverage");
        }
        return Optional.ofNullable(US_CORE_PROFILES.get(resource.fhirType())).map(name -> US_CORE + name);
    }

    private static boolean isOutcome(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(c -> "annualized-bleeding-rate".equals(c.getCode())
                || "fix-product-use".equals(c.getCode()));
    }

    private static boolean isBodyWeight(CodeableConcept code) {
        return code.getCoding().stream().anyMatch(c -> "29463-7".equals(c.getCode()));
    }

    private static List<String> errors(Resource resource, String profile) {
        List<String> errors = new ArrayList<>();
        ValidationOptions options = new ValidationOptions().addProfile(profile);
        for (SingleValidationMessage message : validator.validateWithResult(resource, options).getMessages()) {
            if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal() && !isMissingPackage(message)) {
                errors.add(resource.getIdElement().getIdPart() + " vs " + profile + ": "
                        + message.getLocationString() + " " + message.getMessage());
            }
        }
        return errors;
    }

    /**
     * Profiles and terminology of packages not shipped here (HRex, SDC, THO, VSAC) count as information,
     * as the conformance README asks; an unknown profile of our own still fails.
     */
    private static boolean isMissingPackage(SingleValidationMessage message) {
        String text = message.getMessage();
        return text.contains("http://hl7.org/fhir/us/davinci-hrex/")
                || text.contains("http://hl7.org/fhir/uv/sdc/")
                || text.contains("http://cts.nlm.nih.gov/fhir/")
                || text.contains("http://terminology.hl7.org/");
    }

    private static void load(Path tgz, PrePopulatedValidationSupport into) throws IOException {
        try (InputStream in = Files.newInputStream(tgz)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
            for (String file : folder.listFiles()) {
                if (!file.endsWith(".json") || !(file.startsWith("StructureDefinition-")
                        || file.startsWith("ValueSet-") || file.startsWith("CodeSystem-"))) {
                    continue;
                }
                String json = new String(folder.getContent().get(file), StandardCharsets.UTF_8);
                IBaseResource resource = CTX.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                        .parseResource(json);
                into.addResource(resource);
            }
        }
    }

    /** {@code shared/conformance} beside the checkout: looked for from the working directory upwards. */
    private static Optional<Path> conformanceFolder() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("conformance");
            if (Files.isRegularFile(candidate.resolve("us_core_311.tgz"))
                    && Files.isRegularFile(candidate.resolve("davinci-crd-2.0.1.tgz"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
