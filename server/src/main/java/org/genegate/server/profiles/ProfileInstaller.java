package org.genegate.server.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.VersionUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.genegate.profiles.ConformancePackages;
import org.genegate.profiles.GeneGateProfiles;
import org.genegate.profiles.ProfileSnapshots;
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

    /** Identifier system of the fingerprint a stored profile was made from (see {@link #fingerprint}). */
    public static final String FINGERPRINT_SYSTEM = "http://genegate.org/fhir/profile-source-fingerprint";

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

    /** How an installation went, and whether snapshots had to be generated for it. */
    public record Installation(ResourceInstaller.Summary summary, boolean snapshotsGenerated) {
    }

    /**
     * Installs every profile that is new or changed; safe to call again. Snapshots are generated only when the
     * installed profiles were not made from these differentials on this base: generating them costs seconds of
     * start-up and leaves the validator's R5 copies of every definition it touched on the heap.
     */
    public Installation install() {
        long started = System.nanoTime();
        Optional<Path> usCore = usCorePackage();
        List<StructureDefinition> differentials = GeneGateProfiles.differentials(fhirContext);
        String fingerprint = fingerprint(differentials, usCore);
        if (installedFrom(differentials, fingerprint)) {
            log.info("Profiles: {} installed from these differentials ({}), snapshots not regenerated, in {} ms",
                    differentials.size(), usCore.isPresent() ? "on US Core 3.1.1" : "rebased on base R4",
                    (System.nanoTime() - started) / 1_000_000);
            return new Installation(new ResourceInstaller.Summary(0, 0, differentials.size()), false);
        }
        ProfileSnapshots.Result result = ProfileSnapshots.generate(fhirContext, usCore);
        for (StructureDefinition profile : result.profiles()) {
            profile.addIdentifier().setSystem(FINGERPRINT_SYSTEM).setValue(fingerprint);
        }
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
        return new Installation(summary, true);
    }

    /** True when every profile is stored with this fingerprint, i.e. made from these differentials on this base. */
    private boolean installedFrom(List<StructureDefinition> differentials, String fingerprint) {
        IFhirResourceDao<StructureDefinition> dao = daoRegistry.getResourceDao(StructureDefinition.class);
        for (StructureDefinition differential : differentials) {
            try {
                StructureDefinition installed = dao.read(new IdType("StructureDefinition",
                        differential.getIdElement().getIdPart()), new SystemRequestDetails());
                boolean current = installed.getIdentifier().stream().anyMatch(identifier ->
                        FINGERPRINT_SYSTEM.equals(identifier.getSystem()) && fingerprint.equals(identifier.getValue()));
                if (!current) {
                    return false;
                }
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the snapshots are made from: the differentials as shipped, the base they stand on (the US Core
     * package's bytes, or base R4) and the HAPI version whose snapshot generator makes them.
     */
    private String fingerprint(List<StructureDefinition> differentials, Optional<Path> usCore) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(VersionUtil.getVersion().getBytes(StandardCharsets.UTF_8));
            digest.update(usCore.isPresent() ? Files.readAllBytes(usCore.get())
                    : "base-r4".getBytes(StandardCharsets.UTF_8));
            for (StructureDefinition differential : differentials) {
                digest.update(fhirContext.newJsonParser().encodeResourceToString(differential)
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException("US Core package " + usCore.get() + " could not be read", e);
        }
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
