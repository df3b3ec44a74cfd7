package org.genegate.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.genegate.profiles.ConformancePackages;
import org.genegate.profiles.GeneGateProfiles;
import org.genegate.profiles.ProfileFingerprint;
import org.genegate.profiles.ProfileSnapshots;
import org.genegate.profiles.ShippedSnapshots;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.server.fhir.ResourceInstaller;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts GeneGate's StructureDefinitions into the FHIR store at start-up, with their snapshots, so
 * {@code $validate?profile=...} and request validation can use them. The snapshots are the ones the build
 * shipped for this base; only when none matches (another package, say) are they generated here.
 *
 * <p>The snapshots stand on US Core 3.1.1 when its package is found (the configured path, else
 * {@code shared/conformance} from the working directory upwards). The package is public HL7 data the
 * project does not ship; without it the server still starts, the profiles are rebased on base R4 (GeneGate's
 * own constraints hold, US Core's do not) and the log says so. Unchanged profiles keep their version.
 */
@Component
@Order(1)
public class ProfileInstaller implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProfileInstaller.class);

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;
    private final ResourceInstaller installer;
    private final GeneGateServerProperties.Profiles settings;

    public ProfileInstaller(FhirContext fhirContext, DaoRegistry daoRegistry, ResourceInstaller installer,
                            GeneGateServerProperties properties) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
        this.installer = installer;
        this.settings = properties.profiles();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.install()) {
            // Within the start-up that StartupLock makes exclusive per database: one node installs at a time.
            install();
        } else {
            log.info("Profile installation skipped (genegate.profiles.install=false)");
        }
    }

    /** Where the installed snapshots came from. */
    public enum Snapshots {
        /** Every profile was already stored with this fingerprint: nothing was written. */
        ALREADY_INSTALLED,
        /** The set the build generated for this fingerprint ({@link ShippedSnapshots}). */
        SHIPPED,
        /** Generated here: no shipped set was made from this fingerprint. */
        GENERATED
    }

    /** How an installation went, and where its snapshots came from. */
    public record Installation(ResourceInstaller.Summary summary, Snapshots snapshots) {
    }

    /**
     * Installs every profile that is new or changed; safe to call again. Snapshots come from the set the build
     * shipped when it was made from the same differentials, base and HAPI version, and are generated here only
     * when none was: generating costs seconds of start-up and leaves the validator's R5 copies of every
     * definition it touched on the heap.
     */
    public Installation install() {
        long started = System.nanoTime();
        Optional<Path> usCore = usCorePackage();
        List<StructureDefinition> differentials = GeneGateProfiles.differentials(fhirContext);
        String fingerprint = ProfileFingerprint.of(fhirContext, differentials, usCore);
        if (installedFrom(differentials, fingerprint)) {
            log.info("Profiles: {} installed from these differentials ({}), snapshots not regenerated, in {} ms",
                    differentials.size(), usCore.isPresent() ? "on US Core 3.1.1" : "rebased on base R4",
                    (System.nanoTime() - started) / 1_000_000);
            return new Installation(new ResourceInstaller.Summary(0, 0, differentials.size()),
                    Snapshots.ALREADY_INSTALLED);
        }
        Optional<List<StructureDefinition>> shipped = ShippedSnapshots.matching(fhirContext, usCore.isPresent(),
                fingerprint);
        Snapshots snapshots = shipped.isPresent() ? Snapshots.SHIPPED : Snapshots.GENERATED;
        List<StructureDefinition> profiles = shipped
                .orElseGet(() -> ProfileSnapshots.generate(fhirContext, usCore).profiles());
        for (StructureDefinition profile : profiles) {
            profile.addIdentifier().setSystem(ProfileFingerprint.SYSTEM).setValue(fingerprint);
        }
        ResourceInstaller.Summary summary = installer.install(profiles);
        String source = snapshots == Snapshots.SHIPPED ? "with the shipped snapshots"
                : "with snapshots generated here";
        if (usCore.isPresent()) {
            log.info("Profiles: {} on US Core 3.1.1 from {} {} ({} created, {} updated, {} unchanged) in {} ms",
                    summary.total(), usCore.get(), source, summary.created(), summary.updated(), summary.unchanged(),
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("Profiles: {} rebased on base R4 because the US Core 3.1.1 package was not found (set "
                    + "genegate.profiles.us-core-package); US Core's constraints are not checked; installed {} ({} "
                    + "created, {} updated, {} unchanged) in {} ms", summary.total(), source, summary.created(),
                    summary.updated(), summary.unchanged(), (System.nanoTime() - started) / 1_000_000);
        }
        return new Installation(summary, snapshots);
    }

    /** True when every profile is stored with this fingerprint, i.e. made from these differentials on this base. */
    private boolean installedFrom(List<StructureDefinition> differentials, String fingerprint) {
        IFhirResourceDao<StructureDefinition> dao = daoRegistry.getResourceDao(StructureDefinition.class);
        for (StructureDefinition differential : differentials) {
            try {
                StructureDefinition installed = dao.read(new IdType("StructureDefinition",
                        differential.getIdElement().getIdPart()), new SystemRequestDetails());
                boolean current = installed.getIdentifier().stream().anyMatch(identifier ->
                        ProfileFingerprint.SYSTEM.equals(identifier.getSystem())
                                && fingerprint.equals(identifier.getValue()));
                if (!current) {
                    return false;
                }
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                return false;
            }
        }
        return true;
    }

    private Optional<Path> usCorePackage() {
        if (!settings.usCorePackage().isBlank()) {
            Path configured = Path.of(settings.usCorePackage());
            if (!Files.isRegularFile(configured)) {
                throw new IllegalStateException("genegate.profiles.us-core-package names no file: " + configured);
            }
            return Optional.of(configured);
        }
        return ConformancePackages.folder().map(folder -> folder.resolve(ConformancePackages.US_CORE_311));
    }
}
