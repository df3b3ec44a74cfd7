package org.genegate.fetch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Coding;

/**
 * The FHIR queries that fill each record part: advertised as prefetch templates in discovery, and run
 * by the service itself (against the EHR's server or this server's store) for what the EHR did not prefetch.
 * Code lists come from the terminology, so the queries ask for exactly what the gates of every shipped product read
 * (Hemgenix's FIX results and Roctavian's FVIII and AAV5 total antibody results alike).
 */
public final class PrefetchTemplates {

    public static final String PATIENT_TOKEN = "{{context.patientId}}";
    public static final String ENCOUNTER_TOKEN = "{{context.encounterId}}";
    public static final String PRACTITIONER_TOKEN = "{{userPractitionerId}}";

    private final Map<RecordPart, String> keys;
    private final Map<RecordPart, String> templates;

    public PrefetchTemplates(CodeIndex codes) {
        Map<RecordPart, String> k = new EnumMap<>(RecordPart.class);
        Map<RecordPart, String> t = new EnumMap<>(RecordPart.class);
        define(k, t, RecordPart.PATIENT, "patient", "Patient/" + PATIENT_TOKEN);
        define(k, t, RecordPart.CONDITIONS, "conditions", "Condition?patient=" + PATIENT_TOKEN);
        define(k, t, RecordPart.OBSERVATIONS, "observations", "Observation?patient=" + PATIENT_TOKEN + "&code="
                + codeList(codes, GeneGateTerminology.VS_FIX_ACTIVITY, GeneGateTerminology.VS_FIX_INHIBITOR,
                        GeneGateTerminology.VS_FVIII_ACTIVITY, GeneGateTerminology.VS_FVIII_INHIBITOR,
                        GeneGateTerminology.VS_AAV5_NAB, GeneGateTerminology.VS_AAV5_TOTAL_ANTIBODY,
                        GeneGateTerminology.VS_LIVER_TESTS,
                        GeneGateTerminology.VS_INFECTION_SEROLOGY, GeneGateTerminology.VS_BODY_WEIGHT,
                        GeneGateTerminology.VS_BLEED_HISTORY)
                + "," + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.FIX_PROPHYLAXIS_CURRENT
                + "," + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.LIVER_STIFFNESS
                + "," + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.ANNUALIZED_BLEEDING_RATE
                + "," + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.FIX_PRODUCT_USE
                + "," + GeneGateTerminology.LOINC + "|" + GeneGateTerminology.LOINC_AFP);
        define(k, t, RecordPart.MEDICATION_REQUESTS, "medicationRequests", "MedicationRequest?patient=" + PATIENT_TOKEN);
        define(k, t, RecordPart.MEDICATION_STATEMENTS, "medicationStatements",
                "MedicationStatement?patient=" + PATIENT_TOKEN);
        define(k, t, RecordPart.MEDICATION_ADMINISTRATIONS, "medicationAdministrations",
                "MedicationAdministration?patient=" + PATIENT_TOKEN);
        define(k, t, RecordPart.PROCEDURES, "procedures", "Procedure?patient=" + PATIENT_TOKEN);
        define(k, t, RecordPart.DIAGNOSTIC_REPORTS, "diagnosticReports", "DiagnosticReport?patient=" + PATIENT_TOKEN
                + "&code=" + codeList(codes, GeneGateTerminology.VS_LIVER_IMAGING));
        define(k, t, RecordPart.CARE_PLANS, "carePlans", "CarePlan?patient=" + PATIENT_TOKEN + "&category="
                + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.GENE_THERAPY_MONITORING);
        define(k, t, RecordPart.COVERAGE, "coverage",
                "Coverage?patient=" + PATIENT_TOKEN + "&status=active&_include=Coverage:payor");
        define(k, t, RecordPart.ENCOUNTER, "encounter", "Encounter?_id=" + ENCOUNTER_TOKEN
                + "&_include=Encounter:service-provider&_include=Encounter:location");
        define(k, t, RecordPart.PRACTITIONER_ROLES, "practitionerRoles",
                "PractitionerRole?practitioner=" + PRACTITIONER_TOKEN);
        this.keys = Collections.unmodifiableMap(k);
        this.templates = Collections.unmodifiableMap(t);
    }

    private static void define(Map<RecordPart, String> keys, Map<RecordPart, String> templates, RecordPart part,
                               String key, String template) {
        keys.put(part, key);
        templates.put(part, template);
    }

    private static String codeList(CodeIndex codes, String... valueSetUrls) {
        StringJoiner joined = new StringJoiner(",");
        for (String valueSetUrl : valueSetUrls) {
            for (Coding coding : codes.codes(valueSetUrl)) {
                joined.add(coding.getSystem() + "|" + coding.getCode());
            }
        }
        return joined.toString();
    }

    public String key(RecordPart part) {
        return keys.get(part);
    }

    public String template(RecordPart part) {
        return templates.get(part);
    }

    /** Prefetch key → template, in record-part order, for the discovery document. */
    public Map<String, String> asDiscoveryPrefetch() {
        Map<String, String> prefetch = new LinkedHashMap<>();
        for (RecordPart part : RecordPart.values()) {
            prefetch.put(keys.get(part), templates.get(part));
        }
        return prefetch;
    }

    /** The same, for only the parts a service reads. */
    public Map<String, String> asDiscoveryPrefetch(Set<RecordPart> parts) {
        Map<String, String> prefetch = new LinkedHashMap<>();
        for (RecordPart part : RecordPart.values()) {
            if (parts.contains(part)) {
                prefetch.put(keys.get(part), templates.get(part));
            }
        }
        return prefetch;
    }

    public List<RecordPart> parts() {
        return new ArrayList<>(templates.keySet());
    }
}
