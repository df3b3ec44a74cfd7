package org.genegate.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDaoValueSet;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.terminology.TerminologyResources;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts GeneGate's CodeSystem and ValueSets into the FHIR store at start-up, so that
 * {@code ValueSet/$expand}, {@code CodeSystem/$validate-code} and searches see the same codes
 * the gate engine uses.
 *
 * <p>Each resource is written as an update by its fixed id (PUT semantics). HAPI compares the
 * new content with the stored version and makes no new version when nothing changed, so a
 * restart leaves the history alone and a changed ValueSet becomes a new version.
 *
 * <p>Runs before the scenario loader ({@link Order}) and before the application reports ready,
 * so within the start-up that {@code StartupLock} makes exclusive per database: nodes started
 * together install one after the other, and the second finds every resource unchanged and
 * writes no second version.
 */
@Component
@Order(1)
public class TerminologyInstaller implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TerminologyInstaller.class);

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;
    private final boolean installAtStart;

    public TerminologyInstaller(
            FhirContext fhirContext, DaoRegistry daoRegistry, GeneGateServerProperties properties) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
        this.installAtStart = properties.getTerminology().isInstall();
    }

    /** How one installation went. */
    public record Summary(int created, int updated, int unchanged) {

        public int total() {
            return created + updated + unchanged;
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (installAtStart) {
            install();
        } else {
            log.info("Terminology installation skipped (genegate.terminology.install=false)");
        }
    }

    /** Installs every terminology resource that is new or changed; safe to call again. */
    public Summary install() {
        List<Resource> resources = TerminologyResources.load(fhirContext);
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Resource resource : resources) {
            if (!resource.hasIdElement() || resource.getIdElement().getIdPart() == null) {
                throw new IllegalStateException("Terminology resource without an id: "
                        + resource.fhirType() + " " + urlOf(resource));
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
        Summary summary = new Summary(created, updated, unchanged);
        log.info("Terminology: {} resources ({} created, {} updated, {} unchanged)",
                summary.total(), created, updated, unchanged);
        checkExpansions(resources);
        return summary;
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

    /**
     * Expands every ValueSet once. An expansion that fails here would fail for the first
     * clinician too, so it is logged with the ValueSet's URL; the server still starts, because
     * the gate engine carries its own copy of the codes.
     */
    @SuppressWarnings("unchecked")
    private void checkExpansions(List<Resource> resources) {
        IFhirResourceDaoValueSet<ValueSet> valueSets =
                (IFhirResourceDaoValueSet<ValueSet>) daoRegistry.getResourceDao(ValueSet.class);
        for (Resource resource : resources) {
            if (resource instanceof ValueSet valueSet) {
                try {
                    ValueSet expansion =
                            valueSets.expandByIdentifier(valueSet.getUrl(), new ValueSetExpansionOptions());
                    if (expansion.getExpansion().getContains().isEmpty()) {
                        log.warn("ValueSet {} expands to no codes", valueSet.getUrl());
                    }
                } catch (RuntimeException e) {
                    log.warn("ValueSet {} does not expand: {}", valueSet.getUrl(), e.getMessage());
                }
            }
        }
    }

    private static String urlOf(Resource resource) {
        return resource.getNamedProperty("url") != null && resource.getNamedProperty("url").hasValues()
                ? resource.getNamedProperty("url").getValues().get(0).primitiveValue()
                : "(no url)";
    }
}
