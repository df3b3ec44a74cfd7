package org.genegate.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.genegate.profiles.ConformancePackages;
import org.genegate.profiles.ProfileSnapshots;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.server.fhir.ResourceInstaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts GeneGate's StructureDefinitions into the FHIR store at start-up, with snapshots generated here, so
 * {@code $validate?profile=...} and request validation can use them.
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
    private final ResourceInstaller installer;
    private final GeneGateServerProperties.Profiles settings;

    public ProfileInstaller(FhirContext fhirContext, ResourceInstaller installer, GeneGateServerProperties properties) {
        this.fhirContext = fhirContext;
        this.installer = installer;
        this.settings = properties.getProfiles();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (settings.isInstall()) {
            // Within the start-up that StartupLock makes exclusive per database: one node installs at a time.
            install();
        } else {
            log.info("Profile installation skipped (genegate.profiles.install=false)");
        }
    }

    /** Generates the snapshots and installs every profile that is new or changed; safe to call again. */
    public ResourceInstaller.Summary install() {
        long started = System.nanoTime();
        Optional<Path> usCore = usCorePackage();
        ProfileSnapshots.Result result = ProfileSnapshots.generate(fhirContext, usCore);
        ResourceInstaller.Summary summary = installer.install(result.profiles());
        if (result.onUsCore()) {
            log.info("Profiles: {} on US Core 3.1.1 from {} ({} created, {} updated, {} unchanged) in {} ms",
                    summary.total(), usCore.get(), summary.created(), summary.updated(), summary.unchanged(),
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            log.warn("Profiles: {} rebased on base R4 because the US Core 3.1.1 package was not found (set "
                    + "genegate.profiles.us-core-package); US Core's constraints are not checked ({} created, {} "
                    + "updated, {} unchanged) in {} ms", summary.total(), summary.created(), summary.updated(),
                    summary.unchanged(), (System.nanoTime() - started) / 1_000_000);
        }
        return summary;
    }

    private Optional<Path> usCorePackage() {
        if (!settings.getUsCorePackage().isBlank()) {
            Path configured = Path.of(settings.getUsCorePackage());
            if (!Files.isRegularFile(configured)) {
                throw new IllegalStateException("genegate.profiles.us-core-package names no file: " + configured);
            }
            return Optional.of(configured);
        }
        return ConformancePackages.folder().map(folder -> folder.resolve(ConformancePackages.US_CORE_311));
    }
}
