package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The public HL7 packages GeneGate conforms to (US Core 3.1.1, Da Vinci CRD 2.0.1). They are not shipped:
 * they are read from a {@code shared/conformance} folder beside the checkout (looked for from the working
 * directory upwards), and whoever uses them says what happens without them.
 */
public final class ConformancePackages {

    public static final String US_CORE_311 = "us_core_311.tgz";
    public static final String CRD_201 = "davinci-crd-2.0.1.tgz";

    private ConformancePackages() {
    }

    /** {@code shared/conformance} holding both packages, from the working directory upwards. */
    public static Optional<Path> folder() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("conformance");
            if (Files.isRegularFile(candidate.resolve(US_CORE_311)) && Files.isRegularFile(candidate.resolve(CRD_201))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Adds the package's StructureDefinitions, ValueSets and CodeSystems; returns how many. */
    public static int load(FhirContext ctx, Path tgz, PrePopulatedValidationSupport into) throws IOException {
        int count = 0;
        try (InputStream in = Files.newInputStream(tgz)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            NpmPackage.NpmPackageFolder folder = npm.getFolders().get("package");
            for (String file : folder.listFiles()) {
                if (!file.endsWith(".json") || !(file.startsWith("StructureDefinition-")
                        || file.startsWith("ValueSet-") || file.startsWith("CodeSystem-"))) {
                    continue;
                }
                String json = new String(folder.getContent().get(file), StandardCharsets.UTF_8);
                // Package content written for other FHIR tooling carries elements HAPI's R4 model lacks.
                IBaseResource resource = ctx.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false))
                        .parseResource(json);
                into.addResource(resource);
                count++;
            }
        }
        return count;
    }
}
