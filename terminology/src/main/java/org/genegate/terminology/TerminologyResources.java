package org.genegate.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * Loads the CodeSystem and ValueSet resources shipped in this jar. The file list lives in
 * {@code terminology/index.txt} because a jar cannot be listed portably; a file named there that is
 * missing or unparsable fails loudly, since a gate with a silently empty ValueSet would pass orders.
 */
public final class TerminologyResources {

    /** Classpath folder of the resources and their index. */
    public static final String FOLDER = "terminology/";
    public static final String INDEX = FOLDER + "index.txt";

    private TerminologyResources() {
    }

    /** Every resource named in the index, in index order. */
    public static List<Resource> load(FhirContext ctx) {
        return load(ctx, FOLDER);
    }

    /** The file names listed in the index (blank lines and {@code #} comments skipped). */
    public static List<String> fileNames() {
        return fileNames(FOLDER);
    }

    /** Loads another classpath folder laid out the same way (tests use it for broken sets). */
    static List<Resource> load(FhirContext ctx, String folder) {
        List<Resource> resources = new ArrayList<>();
        for (String file : fileNames(folder)) {
            resources.add(parse(ctx, folder, file));
        }
        return List.copyOf(resources);
    }

    static List<String> fileNames(String folder) {
        List<String> names = new ArrayList<>();
        for (String line : read(folder + "index.txt").split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static Resource parse(FhirContext ctx, String folder, String file) {
        String json = read(folder + file);
        try {
            IBaseResource parsed = ctx.newJsonParser().parseResource(json);
            if (!(parsed instanceof Resource resource)) {
                throw new IllegalStateException("Terminology file " + file + " is not an R4 resource");
            }
            return resource;
        } catch (DataFormatException e) {
            throw new IllegalStateException("Terminology file " + file + " does not parse: " + e.getMessage(), e);
        }
    }

    private static String read(String path) {
        ClassLoader loader = TerminologyResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Terminology file " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Terminology file " + path + " could not be read", e);
        }
    }
}
