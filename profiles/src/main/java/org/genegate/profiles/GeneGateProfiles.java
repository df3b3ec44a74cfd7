package org.genegate.profiles;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * GeneGate's StructureDefinitions as shipped: differentials on US Core 3.1.1 (the anti-AAV5 NAb titer, FIX
 * activity and FIX inhibitor Observations, the J1411 MedicationRequest, the monitoring CarePlan). Their
 * snapshots are made by {@link ProfileSnapshots}, at build time ({@link ShippedSnapshots}) or, failing a matching
 * shipped set, at install. The file list is {@code profiles/index.txt}.
 */
public final class GeneGateProfiles {

    public static final String BASE = GeneGateTerminology.CANONICAL + "/StructureDefinition/";
    public static final String AAV5_NAB_TITER = BASE + "aav5-nab-titer";
    public static final String FIX_ACTIVITY = BASE + "fix-activity";
    public static final String FIX_INHIBITOR = BASE + "fix-inhibitor";
    public static final String J1411_MEDICATION_REQUEST = BASE + "j1411-medicationrequest";
    public static final String MONITORING_CARE_PLAN = BASE + "monitoring-careplan";

    private static final String FOLDER = "profiles/";

    private GeneGateProfiles() {
    }

    /** Every profile, differential only, in index order. */
    public static List<StructureDefinition> differentials(FhirContext ctx) {
        List<StructureDefinition> profiles = new ArrayList<>();
        for (String line : read(FOLDER + "index.txt").split("\\R")) {
            String file = line.strip();
            if (!file.isEmpty() && !file.startsWith("#")) {
                profiles.add(ctx.newJsonParser().parseResource(StructureDefinition.class, read(FOLDER + file)));
            }
        }
        return List.copyOf(profiles);
    }

    private static String read(String path) {
        try (InputStream in = GeneGateProfiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Profile file " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Profile file " + path + " could not be read", e);
        }
    }
}
