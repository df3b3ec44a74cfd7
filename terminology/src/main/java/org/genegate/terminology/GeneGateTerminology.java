package org.genegate.terminology;

import java.util.List;

/**
 * Canonical URLs, system URIs and project codes shared by the gates, the server and the scenario
 * data, so a ValueSet is always named by a constant and a typo cannot silently match nothing.
 */
public final class GeneGateTerminology {

    public static final String CANONICAL = "http://genegate.org/fhir";
    public static final String CODE_SYSTEM = CANONICAL + "/CodeSystem/genegate";
    /** Reasons offered to override a critical card. */
    public static final String OVERRIDE_REASON_SYSTEM = CANONICAL + "/CodeSystem/override-reason";
    /** The version of every CodeSystem and ValueSet this module ships. */
    public static final String VERSION = "2026.11.0";

    // Project codes (CodeSystem genegate).
    public static final String AAV5_NAB_TITER = "aav5-nab-titer";
    /** The qualitative anti-AAV5 total antibody result (e.g. AAV5 DetectCDx): Detected or Not detected. */
    public static final String AAV5_TOTAL_ANTIBODY = "aav5-total-antibody";
    public static final String BLEED_LIFE_THREATENING = "bleed-life-threatening";
    public static final String BLEED_SERIOUS_SPONTANEOUS_REPEATED = "bleed-serious-spontaneous-repeated";
    public static final String FIX_PROPHYLAXIS_CURRENT = "fix-prophylaxis-current";
    public static final String LIVER_ULTRASOUND = "liver-ultrasound";
    public static final String LIVER_ELASTOGRAPHY = "liver-elastography";
    /** Observation.code of a liver stiffness measurement (kPa) of the elastography. */
    public static final String LIVER_STIFFNESS = "liver-stiffness";
    /** ServiceRequest.code of the hepatology consultation the label advises for liver abnormalities. */
    public static final String HEPATOLOGY_CONSULT = "hepatology-consult";
    /** CarePlan.category of the post-infusion monitoring plan. */
    public static final String GENE_THERAPY_MONITORING = "gene-therapy-monitoring";
    /** Outcomes reported at the post-infusion milestones (Observation.code). */
    public static final String ANNUALIZED_BLEEDING_RATE = "annualized-bleeding-rate";
    public static final String FIX_PRODUCT_USE = "fix-product-use";
    /** Claim.supportingInfo codes of the claim check: the kit's lot number and the infusion time. */
    public static final String LOT_NUMBER = "lot-number";
    public static final String INFUSION_MINUTES = "infusion-minutes";
    /** Dosage.doseAndRate.type of the volume an order infuses after dilution (not the undiluted dose). */
    public static final String INFUSED_VOLUME = "infused-volume";
    public static final String CERTIFIED_HTC = "certified-htc";
    public static final String GENE_THERAPY_NETWORK_CENTER = "gene-therapy-network-center";
    /** AuditEvent.type of a hook decision and of one feedback item. */
    public static final String HOOK_DECISION = "hook-decision";
    public static final String HOOK_FEEDBACK = "hook-feedback";

    /**
     * CarePlan.identifier system of the monitoring plan the server files for a Hemgenix administration; the
     * value is the patient's id (one Hemgenix dose per lifetime), so recording the administration again finds it.
     */
    public static final String MONITORING_PLAN_IDENTIFIER = CANONICAL + "/sid/hemgenix-monitoring-plan";

    /**
     * Extension on a Hemgenix kit NDC concept of the product ValueSet: the number of 10 mL vials in the kit
     * (valueInteger), so a claim's kit can be matched to the vials the dose needs.
     */
    public static final String KIT_VIAL_COUNT_EXTENSION = CANONICAL + "/StructureDefinition/kit-vial-count";

    // ValueSets, one per name agreed in the gate specification.
    public static final String VALUE_SET_BASE = CANONICAL + "/ValueSet/";
    public static final String VS_HEMGENIX_PRODUCT = VALUE_SET_BASE + "hemgenix-product";
    public static final String VS_ROCTAVIAN_PRODUCT = VALUE_SET_BASE + "roctavian-product";
    public static final String VS_FVIII_ACTIVITY = VALUE_SET_BASE + "fviii-activity";
    public static final String VS_FVIII_INHIBITOR = VALUE_SET_BASE + "fviii-inhibitor";
    public static final String VS_AAV5_TOTAL_ANTIBODY = VALUE_SET_BASE + "aav5-total-antibody";
    public static final String VS_HEMOPHILIA_A_DIAGNOSIS = VALUE_SET_BASE + "hemophilia-a-diagnosis";
    public static final String VS_UNCLASSIFIED_HCPCS = VALUE_SET_BASE + "unclassified-hcpcs";
    public static final String VS_FIX_ACTIVITY = VALUE_SET_BASE + "fix-activity";
    public static final String VS_FIX_INHIBITOR = VALUE_SET_BASE + "fix-inhibitor";
    public static final String VS_AAV5_NAB = VALUE_SET_BASE + "aav5-nab";
    public static final String VS_LIVER_TESTS = VALUE_SET_BASE + "liver-tests";
    public static final String VS_LIVER_IMAGING = VALUE_SET_BASE + "liver-imaging";
    public static final String VS_INFECTION_SEROLOGY = VALUE_SET_BASE + "infection-serology";
    public static final String VS_BODY_WEIGHT = VALUE_SET_BASE + "body-weight";
    public static final String VS_HEMOPHILIA_B_DIAGNOSIS = VALUE_SET_BASE + "hemophilia-b-diagnosis";
    public static final String VS_FIX_PROPHYLAXIS_PRODUCTS = VALUE_SET_BASE + "fix-prophylaxis-products";
    public static final String VS_BLEED_HISTORY = VALUE_SET_BASE + "bleed-history";
    public static final String VS_ADMINISTRATION_CPT_RIGHT = VALUE_SET_BASE + "administration-cpt-right";
    public static final String VS_ADMINISTRATION_CPT_WRONG = VALUE_SET_BASE + "administration-cpt-wrong";
    public static final String VS_PLACE_OF_SERVICE_ALLOWED = VALUE_SET_BASE + "place-of-service-allowed";
    public static final String VS_HEMATOLOGY_SPECIALTY = VALUE_SET_BASE + "hematology-specialty";
    public static final String VS_GENE_THERAPY_CENTER = VALUE_SET_BASE + "gene-therapy-center";

    /** Every ValueSet URL above; tests check that each has a shipped resource. */
    public static final List<String> VALUE_SETS = List.of(
            VS_HEMGENIX_PRODUCT, VS_UNCLASSIFIED_HCPCS, VS_FIX_ACTIVITY, VS_FIX_INHIBITOR, VS_AAV5_NAB,
            VS_LIVER_TESTS, VS_LIVER_IMAGING, VS_INFECTION_SEROLOGY, VS_BODY_WEIGHT, VS_HEMOPHILIA_B_DIAGNOSIS,
            VS_FIX_PROPHYLAXIS_PRODUCTS, VS_BLEED_HISTORY, VS_ADMINISTRATION_CPT_RIGHT,
            VS_ADMINISTRATION_CPT_WRONG, VS_PLACE_OF_SERVICE_ALLOWED, VS_HEMATOLOGY_SPECIALTY,
            VS_GENE_THERAPY_CENTER, VS_ROCTAVIAN_PRODUCT, VS_FVIII_ACTIVITY, VS_FVIII_INHIBITOR,
            VS_AAV5_TOTAL_ANTIBODY, VS_HEMOPHILIA_A_DIAGNOSIS);

    /** Observation values of a qualitative result (SNOMED CT). */
    public static final String SNOMED_DETECTED = "260373001";
    public static final String SNOMED_NOT_DETECTED = "260415000";

    // Code system URIs.
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String POS = "https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set";
    public static final String NUCC = "http://nucc.org/provider-taxonomy";
    public static final String UCUM = "http://unitsofmeasure.org";

    /**
     * The HCPCS URI we write. The other identifiers EHRs send for HCPCS, NDC and RxNorm are data: the shipped
     * NamingSystem resources, read through {@link CodeIndex#canonicalSystem(String)}.
     */
    public static final String HCPCS = "https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";

    // Codes the gates name directly (remedies, recognition); the product's billing code is the policy's.
    public static final String LOINC_FIX_INHIBITOR_BU = "3185-6";
    public static final String LOINC_FIX_INHIBITOR_PRESENCE = "30086-3";
    public static final String LOINC_FIX_ACTIVITY_PERCENT = "3187-2";
    public static final String LOINC_FIX_ACTIVITY_IU_DL = "3186-4";
    public static final String LOINC_FVIII_ACTIVITY_ONE_STAGE = "3209-4";
    public static final String LOINC_FVIII_ACTIVITY_CHROMOGENIC = "49865-9";
    public static final String LOINC_FVIII_INHIBITOR_BU = "3204-5";
    public static final String LOINC_BODY_WEIGHT = "29463-7";
    public static final String LOINC_ALT = "1742-6";
    public static final String LOINC_AST = "1920-8";
    public static final String LOINC_ALP = "6768-6";
    public static final String LOINC_BILIRUBIN_TOTAL = "1975-2";
    public static final String LOINC_HBSAG = "5196-1";
    public static final String LOINC_HCV_AB = "13955-0";
    public static final String LOINC_HCV_RNA = "11011-4";
    public static final String LOINC_HIV_AG_AB = "56888-1";
    public static final String LOINC_HIV1_RNA = "20447-9";
    public static final String LOINC_CD4 = "24467-3";
    /** Alpha-fetoprotein, yearly with liver ultrasound for patients with liver-cancer risk factors. */
    public static final String LOINC_AFP = "1834-1";
    public static final String CPT_INFUSION_FIRST_HOUR = "96365";
    public static final String CPT_INFUSION_ADDITIONAL_HOUR = "96366";
    /** Acquired hemophilia: not a FIX inhibitor in congenital hemophilia B (docs/evidence.md, FIX inhibitors). */
    public static final String ICD10CM_ACQUIRED_HEMOPHILIA = "D68.311";

    private GeneGateTerminology() {
    }
}
