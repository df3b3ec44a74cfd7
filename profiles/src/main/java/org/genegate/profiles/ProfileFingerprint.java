package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
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
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * What a set of snapshots is made from: the HAPI version whose snapshot generator makes them, the base they
 * stand on (the US Core package's bytes, or base R4) and the differentials as shipped. The build stamps the
 * shipped sets with it and the server its stored profiles, so both ask the same question the same way.
 */
public final class ProfileFingerprint {

    /** Identifier system of the fingerprint, on a shipped set and on every stored profile. */
    public static final String SYSTEM = "http://genegate.org/fhir/profile-source-fingerprint";

    private ProfileFingerprint() {
    }

    /**
     * @param differentials the profiles as shipped ({@link GeneGateProfiles#differentials})
     * @param usCorePackage the US Core 3.1.1 .tgz the snapshots stand on, or empty for base R4
     */
    public static String of(FhirContext ctx, List<StructureDefinition> differentials, Optional<Path> usCorePackage) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(VersionUtil.getVersion().getBytes(StandardCharsets.UTF_8));
            digest.update(usCorePackage.isPresent() ? Files.readAllBytes(usCorePackage.get())
                    : "base-r4".getBytes(StandardCharsets.UTF_8));
            for (StructureDefinition differential : differentials) {
                digest.update(ctx.newJsonParser().encodeResourceToString(differential)
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException("US Core package " + usCorePackage.get() + " could not be read", e);
        }
    }
}
