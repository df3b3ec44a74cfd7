package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The profiles' snapshots as the build generated them ({@link #main}, run by the profiles module's build), so a
 * server's first start only installs them: generating takes seconds of start-up. Each set is a collection Bundle
 * on the classpath under {@code profile-snapshots/}, identified by the {@link ProfileFingerprint} it was made
 * from. The base-R4 set is always shipped; the US Core set only when the build found the US Core package.
 */
public final class ShippedSnapshots {

    private static final String FOLDER = "profile-snapshots/";

    private ShippedSnapshots() {
    }

    /** The shipped set on this base, if there is one and it was made from this fingerprint. */
    public static Optional<List<StructureDefinition>> matching(FhirContext ctx, boolean onUsCore, String fingerprint) {
        String path = FOLDER + fileName(onUsCore);
        try (InputStream in = ShippedSnapshots.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            Bundle set = ctx.newJsonParser().parseResource(Bundle.class, new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            if (!ProfileFingerprint.SYSTEM.equals(set.getIdentifier().getSystem())
                    || !fingerprint.equals(set.getIdentifier().getValue())) {
                return Optional.empty();
            }
            return Optional.of(set.getEntry().stream()
                    .map(entry -> (StructureDefinition) entry.getResource()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Shipped snapshots " + path + " could not be read", e);
        }
    }

    /**
     * Writes the sets into the build's class output folder ({@code args[0]}), the US Core set when
     * {@code shared/conformance} is found from the working directory upwards. Without the US Core package no US
     * Core set is shipped, and one left by an earlier build is removed.
     */
    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args[0]).resolve(FOLDER));
        Optional<Path> usCore = ConformancePackages.folder()
                .map(conformance -> conformance.resolve(ConformancePackages.US_CORE_311));
        FhirContext ctx = FhirContext.forR4Cached();
        write(ctx, Optional.empty(), folder);
        if (usCore.isPresent()) {
            write(ctx, usCore, folder);
        } else {
            Files.deleteIfExists(folder.resolve(fileName(true)));
            System.out.println("Profile snapshots: no US Core set shipped, the US Core 3.1.1 package was not found");
        }
    }

    private static void write(FhirContext ctx, Optional<Path> usCore, Path folder) throws IOException {
        Bundle set = new Bundle().setType(Bundle.BundleType.COLLECTION);
        set.getIdentifier().setSystem(ProfileFingerprint.SYSTEM)
                .setValue(ProfileFingerprint.of(ctx, GeneGateProfiles.differentials(ctx), usCore));
        ProfileSnapshots.generate(ctx, usCore).profiles().forEach(profile -> set.addEntry().setResource(profile));
        Path file = folder.resolve(fileName(usCore.isPresent()));
        Files.writeString(file, ctx.newJsonParser().encodeResourceToString(set));
        System.out.println("Profile snapshots: " + set.getEntry().size() + " written to " + file);
    }

    private static String fileName(boolean onUsCore) {
        return onUsCore ? "us-core-311.json" : "base-r4.json";
    }
}
