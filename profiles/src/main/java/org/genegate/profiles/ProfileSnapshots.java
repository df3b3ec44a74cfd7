package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Generates the snapshots of GeneGate's profiles with HAPI's snapshot generator.
 *
 * <p>With the US Core 3.1.1 package at hand, each profile is snapshotted on its US Core base as written.
 * Without it (a user's machine: the package is public HL7 data that the project does not ship), a snapshot
 * on US Core cannot be made; each profile is then rebased on the base R4 resource, so GeneGate's own
 * constraints still hold and {@code $validate} works, and its description says that US Core's
 * constraints are not part of it on this server.
 */
public final class ProfileSnapshots {

    static final String CORE_BASE = "http://hl7.org/fhir/StructureDefinition/";
    static final String REBASED_NOTE = " (Snapshot generated on base FHIR R4: the US Core 3.1.1 package was not "
            + "available when it was installed, so US Core's own constraints are not part of this profile here.)";

    /** The profiles with snapshots, and whether they stand on US Core (false: rebased on base R4). */
    public record Result(List<StructureDefinition> profiles, boolean onUsCore) {
    }

    private ProfileSnapshots() {
    }

    /** @param usCorePackage the US Core 3.1.1 .tgz, or empty to rebase on base R4 */
    public static Result generate(FhirContext ctx, Optional<Path> usCorePackage) {
        PrePopulatedValidationSupport packages = new PrePopulatedValidationSupport(ctx);
        if (usCorePackage.isPresent()) {
            try {
                ConformancePackages.load(ctx, usCorePackage.get(), packages);
            } catch (IOException e) {
                throw new UncheckedIOException("US Core package " + usCorePackage.get() + " could not be read", e);
            }
        }
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(ctx);
        ValidationSupportChain chain = new ValidationSupportChain(packages, new DefaultProfileValidationSupport(ctx),
                generator);
        ValidationSupportContext context = new ValidationSupportContext(chain);
        List<StructureDefinition> profiles = new ArrayList<>();
        for (StructureDefinition differential : GeneGateProfiles.differentials(ctx)) {
            StructureDefinition profile = differential.copy();
            if (usCorePackage.isEmpty()) {
                profile.setBaseDefinition(CORE_BASE + profile.getType());
                profile.setDescription(profile.getDescription() + REBASED_NOTE);
            }
            StructureDefinition generated = (StructureDefinition) generator.generateSnapshot(context, profile,
                    profile.getUrl(), null, profile.getName());
            if (generated == null || !generated.hasSnapshot() || generated.getSnapshot().getElement().isEmpty()) {
                throw new IllegalStateException("No snapshot could be generated for " + profile.getUrl());
            }
            profiles.add(generated);
        }
        return new Result(List.copyOf(profiles), usCorePackage.isPresent());
    }
}
