package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.TerminologyResources;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * HAPI's HL7 validator, offline, with everything GeneGate claims to conform to: base R4, US Core 3.1.1 and
 * Da Vinci CRD 2.0.1 (from {@code shared/conformance}), GeneGate's terminology and its profiles (snapshots
 * generated on US Core). Used by the conformance tests; needs the shared packages, so it is only offered
 * where they are found.
 *
 * <p>Messages about profiles and terminology of packages not at hand (HRex, SDC, THO, VSAC) count as
 * information, as the conformance README asks; every other error counts.
 */
public final class ConformanceValidator {

    private final FhirValidator validator;

    private ConformanceValidator(FhirValidator validator) {
        this.validator = validator;
    }

    /** Built once per run: loading the packages and generating the snapshots takes seconds. */
    private static Optional<ConformanceValidator> shared;

    /** The validator, or empty when {@code shared/conformance} is not beside this checkout. */
    public static synchronized Optional<ConformanceValidator> offline(FhirContext ctx) {
        if (shared == null) {
            shared = ConformancePackages.folder().map(folder -> create(ctx, folder));
        }
        return shared;
    }

    private static ConformanceValidator create(FhirContext ctx, Path folder) {
        NpmPackageValidationSupport packages = new NpmPackageValidationSupport(ctx);
        try {
            ConformancePackages.load(ctx, folder.resolve(ConformancePackages.US_CORE_311), packages);
            ConformancePackages.load(ctx, folder.resolve(ConformancePackages.CRD_201), packages);
        } catch (IOException e) {
            throw new UncheckedIOException("Conformance packages in " + folder + " could not be read", e);
        }
        PrePopulatedValidationSupport genegate = new PrePopulatedValidationSupport(ctx);
        for (Resource resource : TerminologyResources.load(ctx)) {
            genegate.addResource(resource);
        }
        ProfileSnapshots.generate(ctx, Optional.of(folder.resolve(ConformancePackages.US_CORE_311))).profiles()
                .forEach(genegate::addResource);
        ValidationSupportChain chain = new ValidationSupportChain(genegate, packages,
                new DefaultProfileValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx), new SnapshotGeneratingValidationSupport(ctx));
        return new ConformanceValidator(ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain)));
    }

    /**
     * Errors of the resource against base R4 and each given profile (none: base R4 and whatever its
     * {@code meta.profile} claims), as "where: message" lines; empty when it conforms.
     */
    public List<String> errors(IBaseResource resource, String... profiles) {
        ValidationOptions options = new ValidationOptions();
        for (String profile : profiles) {
            options.addProfile(profile);
        }
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage message : validator.validateWithResult(resource, options).getMessages()) {
            if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal() && !isMissingPackage(message)) {
                errors.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart() + " "
                        + String.join(",", profiles) + " " + message.getLocationString() + ": " + message.getMessage());
            }
        }
        return errors;
    }

    /**
     * Profiles and terminology of packages we do not have (including LOINC and SNOMED CT themselves, which
     * no package here carries); an unknown profile or code system of our own still fails.
     */
    static boolean isMissingPackage(SingleValidationMessage message) {
        String text = message.getMessage();
        if (text.contains(GeneGateTerminology.CANONICAL)) {
            return false;
        }
        return text.contains("CodeSystem is unknown and can't be validated")
                || text.contains("http://hl7.org/fhir/us/davinci-hrex/")
                || text.contains("http://hl7.org/fhir/uv/sdc/")
                || text.contains("http://cts.nlm.nih.gov/fhir/")
                || text.contains("http://terminology.hl7.org/");
    }
}
