package org.genegate.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.server.fhir.ResourceInstaller;
import org.genegate.terminology.TerminologyResources;
import org.hl7.fhir.r4.model.Resource;
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
 * <p>Each resource is written by {@link ResourceInstaller}: unchanged resources keep their version, so a
 * restart leaves the history alone and a changed ValueSet becomes a new version. That every shipped ValueSet
 * expands is checked by the tests, not at every start (it made HAPI load all its built-in terminology, seconds of
 * each start).
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
    private final ResourceInstaller installer;
    private final boolean installAtStart;

    public TerminologyInstaller(FhirContext fhirContext, ResourceInstaller installer,
                                GeneGateServerProperties properties) {
        this.fhirContext = fhirContext;
        this.installer = installer;
        this.installAtStart = properties.terminology().install();
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
    public ResourceInstaller.Summary install() {
        List<Resource> resources = TerminologyResources.load(fhirContext);
        ResourceInstaller.Summary summary = installer.install(resources);
        log.info("Terminology: {} resources ({} created, {} updated, {} unchanged)",
                summary.total(), summary.created(), summary.updated(), summary.unchanged());
        return summary;
    }
}
