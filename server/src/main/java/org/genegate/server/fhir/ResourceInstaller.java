package org.genegate.server.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Writes resources GeneGate ships (terminology, profiles) into the FHIR store by their fixed ids (PUT
 * semantics). HAPI compares the new content with the stored version and makes no new version when nothing
 * changed, so a restart leaves the history alone and a changed resource becomes a new version.
 */
@Component
public class ResourceInstaller {

    private final DaoRegistry daoRegistry;

    public ResourceInstaller(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** How one installation went. */
    public record Summary(int created, int updated, int unchanged) {

        public int total() {
            return created + updated + unchanged;
        }
    }

    /** Installs every resource that is new or changed; safe to call again. */
    public Summary install(List<? extends Resource> resources) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Resource resource : resources) {
            if (!resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
                throw new IllegalStateException("Shipped resource without an id: " + resource.fhirType() + " "
                        + urlOf(resource));
            }
            DaoMethodOutcome outcome = update(resource);
            if (Boolean.TRUE.equals(outcome.getCreated())) {
                created++;
            } else if (outcome.isNop()) {
                unchanged++;
            } else {
                updated++;
            }
        }
        return new Summary(created, updated, unchanged);
    }

    @SuppressWarnings("unchecked")
    private DaoMethodOutcome update(Resource resource) {
        IFhirResourceDao<Resource> dao = (IFhirResourceDao<Resource>) daoRegistry.getResourceDao(resource.fhirType());
        // Only the logical id: a version in the shipped file must not turn the PUT into a
        // version-conditional one.
        Resource copy = resource.copy();
        copy.setIdElement(copy.getIdElement().toUnqualifiedVersionless());
        return dao.update(copy, new SystemRequestDetails());
    }

    private static String urlOf(Resource resource) {
        return resource.getNamedProperty("url") != null && resource.getNamedProperty("url").hasValues()
                ? resource.getNamedProperty("url").getValues().get(0).primitiveValue()
                : "(no url)";
    }
}
