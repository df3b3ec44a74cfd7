package org.genegate.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationResult;
import org.genegate.profiles.GeneGateProfiles;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Validates each resource a client writes over {@code /fhir} (alone or inside a transaction) that claims a
 * GeneGate profile in {@code meta.profile}, with the server's own validator (the installed profiles,
 * terminology and base R4). A resource with an error is refused: 422 with the validator's OperationOutcome.
 * Other resources are left alone, so EHR data that claims nothing is stored as before.
 *
 * <p>Registered on the REST server only ({@code genegate.validation.requests=true}): the server's own
 * installers and the demo loader write through the DAOs and are not checked here.
 */
@Interceptor
public class ProfileRequestValidator {

    private final FhirContext fhirContext;
    private final FhirValidator validator;

    public ProfileRequestValidator(FhirContext fhirContext, IInstanceValidatorModule instanceValidator) {
        this.fhirContext = fhirContext;
        this.validator = fhirContext.newValidator().registerValidatorModule(instanceValidator);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    private void check(IBaseResource resource) {
        if (!claimsGeneGateProfile(resource)) {
            return;
        }
        ValidationResult result = validator.validateWithResult(resource);
        boolean hasError = result.getMessages().stream()
                .anyMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal());
        if (hasError) {
            throw new UnprocessableEntityException(fhirContext, result.toOperationOutcome());
        }
    }

    static boolean claimsGeneGateProfile(IBaseResource resource) {
        for (IPrimitiveType<String> profile : resource.getMeta().getProfile()) {
            if (profile.getValue() != null && profile.getValue().startsWith(GeneGateProfiles.BASE)) {
                return true;
            }
        }
        return false;
    }
}
