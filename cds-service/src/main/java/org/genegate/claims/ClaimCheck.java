package org.genegate.claims;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.genegate.gates.Numbers;
import org.genegate.policy.ClaimSettings;
import org.genegate.policy.CodingSettings;
import org.genegate.policy.Policy;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.Ndc;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The billing half of the J1411 claim check: what is written on a professional or institutional FHIR Claim.
 *
 * <p>How the Claim carries what the 837 carries:
 * <ul>
 *   <li>the drug line: {@code item.productOrService} HCPCS J1411 (any of the three HCPCS system URIs),
 *       {@code item.quantity} 1;</li>
 *   <li>its NDC (837 loop 2410: LIN02 N4, LIN03 NDC, CTP04 quantity, CTP05 unit): one {@code item.detail} whose
 *       {@code productOrService} has a coding of system {@code http://hl7.org/fhir/sid/ndc} (the system URI stands
 *       for the N4 qualifier) with the 11-digit 5-4-2 NDC without hyphens, and whose {@code quantity} has the unit
 *       qualifier (UN, ML, F2, GR, ME) as {@code code} or {@code unit};</li>
 *   <li>the kit lot: {@code supportingInfo} with code genegate {@code lot-number} and {@code valueString};</li>
 *   <li>the infusion time: {@code supportingInfo} with code genegate {@code infusion-minutes} and a
 *       {@code valueQuantity} in minutes;</li>
 *   <li>administration: lines with CPT codes; place of service: {@code item.locationCodeableConcept} (CMS POS
 *       codes, required on professional claims); diagnoses: {@code diagnosis} ordered by {@code sequence}.</li>
 * </ul>
 */
public final class ClaimCheck {

    private static final Set<String> NDC_UNITS = Set.of("UN", "ML", "F2", "GR", "ME");
    private static final String CLAIM_TYPE = "http://terminology.hl7.org/CodeSystem/claim-type";
    private static final int MINUTES_PER_HOUR = 60;

    private final ClaimSettings settings;
    private final CodingSettings coding;
    private final CodeIndex codes;

    public ClaimCheck(Policy policy, CodeIndex codes) {
        this.settings = policy.claim();
        this.coding = policy.coding();
        this.codes = codes;
    }

    public List<ClaimIssue> check(Claim claim) {
        List<ClaimIssue> issues = new ArrayList<>();
        boolean professional = claimType(claim, issues);
        List<Integer> drugLines = drugLines(claim);
        if (drugLines.isEmpty()) {
            issues.add(ClaimIssue.error("required", "Claim.item", "No Hemgenix line: no item is billed as HCPCS J1411 "
                    + "(or as an unclassified code naming Hemgenix).", "Add a line with HCPCS J1411 x 1 unit and the "
                    + "Hemgenix NDC in its detail."));
        } else if (drugLines.size() > 1) {
            issues.add(ClaimIssue.error("business-rule", "Claim.item", "Hemgenix is billed on " + drugLines.size()
                    + " lines.", "Bill one line: J1411 x 1 unit is the whole therapeutic dose."));
        }
        for (int index : drugLines) {
            drugLine(claim.getItem().get(index), "Claim.item[" + index + "]", issues);
        }
        lotNumber(claim, issues);
        administration(claim, issues);
        placeOfService(claim, professional, issues);
        diagnoses(claim, issues);
        return issues;
    }

    private static boolean claimType(Claim claim, List<ClaimIssue> issues) {
        for (Coding type : claim.getType().getCoding()) {
            if (CLAIM_TYPE.equals(type.getSystem()) && ("professional".equals(type.getCode())
                    || "institutional".equals(type.getCode()))) {
                return "professional".equals(type.getCode());
            }
        }
        issues.add(ClaimIssue.error("required", "Claim.type", "The claim type is not professional or institutional.",
                "Set Claim.type to " + CLAIM_TYPE + "|professional (CMS-1500/837P) or |institutional (UB-04/837I)."));
        return false;
    }

    /** Lines billing Hemgenix: J1411, or an unclassified HCPCS the line or its NDC names as Hemgenix. */
    private List<Integer> drugLines(Claim claim) {
        List<Integer> lines = new ArrayList<>();
        List<Integer> unclassified = new ArrayList<>();
        for (int i = 0; i < claim.getItem().size(); i++) {
            Claim.ItemComponent item = claim.getItem().get(i);
            if (codes.firstMatch(GeneGateTerminology.VS_HEMGENIX_PRODUCT, item.getProductOrService()).isPresent()) {
                lines.add(i);
            } else if (codes.firstMatch(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS, item.getProductOrService())
                    .isPresent()) {
                unclassified.add(i);
            }
        }
        // A claim for Hemgenix with no J1411 line bills it on an unclassified code: that line is the drug line.
        return lines.isEmpty() ? unclassified : lines;
    }

    private void drugLine(Claim.ItemComponent item, String path, List<ClaimIssue> issues) {
        Optional<Coding> unclassified = codes.firstMatch(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS,
                item.getProductOrService());
        if (unclassified.isPresent()) {
            issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "Hemgenix is billed as "
                    + unclassified.get().getCode() + ", an unclassified code.", "Replace "
                    + unclassified.get().getCode() + " with J1411 (Injection, etranacogene dezaparvovec-drlb, per "
                    + "therapeutic dose), the permanent code since 2023-04-01."));
        }
        BigDecimal quantity = item.getQuantity().getValue();
        if (quantity == null || quantity.compareTo(BigDecimal.ONE) != 0) {
            issues.add(ClaimIssue.error("value", path + ".quantity", "J1411 is billed as "
                    + (quantity == null ? "no" : Numbers.plain(quantity)) + " unit(s).",
                    "Bill J1411 x 1 unit: one unit is the whole therapeutic dose, whatever the volume or vial count."));
        }
        ndc(item, path, issues);
    }

    private void ndc(Claim.ItemComponent item, String path, List<ClaimIssue> issues) {
        for (int d = 0; d < item.getDetail().size(); d++) {
            Claim.DetailComponent detail = item.getDetail().get(d);
            Optional<Coding> ndc = detail.getProductOrService().getCoding().stream()
                    .filter(c -> GeneGateTerminology.NDC.equals(codes.canonicalSystem(c.getSystem())) && c.hasCode())
                    .findFirst();
            if (ndc.isPresent()) {
                checkNdc(ndc.get().getCode().strip(), detail.getQuantity(), path + ".detail[" + d + "]", issues);
                return;
            }
        }
        issues.add(ClaimIssue.error("required", path + ".detail", "The Hemgenix line has no NDC.", "Add the kit NDC "
                + "as an item.detail (837 LIN: N4 qualifier + 11-digit NDC, e.g. N400053030030) with the quantity "
                + "and unit " + unitAdvice() + "."));
    }

    private void checkNdc(String code, Quantity quantity, String path, List<ClaimIssue> issues) {
        List<String> readings = Ndc.elevenDigitCandidates(code);
        Optional<String> hemgenix = readings.stream()
                .filter(r -> codes.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.NDC, r))
                .findFirst();
        if (readings.isEmpty()) {
            issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "'" + code + "' is not an NDC.",
                    "Send the kit's NDC as 11 digits in 5-4-2 form without hyphens after the N4 qualifier, e.g. "
                            + "N400053030030 for kit 0053-0300-30."));
        } else if (hemgenix.isEmpty()) {
            issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "NDC " + code + " is not a "
                    + "Hemgenix NDC (Hemgenix kits have labeler 0053; 63833-0876-01, printed on some billing sheets, "
                    + "is not Hemgenix).", "Use the NDC on the kit given, e.g. 0053-0300-30, sent as N400053030030."));
        } else if (!code.equals(hemgenix.get())) {
            issues.add(ClaimIssue.error("value", path + ".productOrService", "NDC '" + code + "' is not in the "
                    + "11-digit 5-4-2 form a claim needs.", "Send " + hemgenix.get() + " (N4" + hemgenix.get()
                    + " in the 837 LIN segment): 11 digits, no hyphens."));
        }
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        unit = unit == null ? null : unit.strip().toUpperCase(Locale.ROOT);
        if (unit == null || !NDC_UNITS.contains(unit)) {
            issues.add(ClaimIssue.error("required", path + ".quantity", "The NDC quantity has "
                    + (unit == null ? "no unit qualifier" : "the unit '" + unit + "', not a unit qualifier") + ".",
                    "Send the NDC quantity " + unitAdvice() + "."));
            return;
        }
        if (!unit.equals(settings.ndcUnit())) {
            issues.add(ClaimIssue.error("value", path + ".quantity", "The NDC unit is " + unit + "; this payer's "
                    + "policy wants " + settings.ndcUnit() + ".", "Send the NDC quantity " + unitAdvice()
                    + " (genegate claim.ndcUnit; confirm the billing unit with the payer)."));
            return;
        }
        BigDecimal value = quantity.getValue();
        if (ClaimSettings.UNIT_KIT.equals(unit) && (value == null || value.compareTo(BigDecimal.ONE) != 0)) {
            issues.add(ClaimIssue.error("value", path + ".quantity", "The NDC quantity is "
                    + (value == null ? "missing" : Numbers.plain(value) + " UN") + ".", "One kit: UN 1."));
        } else if (ClaimSettings.UNIT_MILLILITRES.equals(unit) && (value == null || value.signum() <= 0)) {
            issues.add(ClaimIssue.error("required", path + ".quantity", "The NDC quantity in ML has no volume.",
                    "Send the total volume given in mL (2 mL/kg), e.g. ML 140 for 70 kg."));
        }
    }

    private String unitAdvice() {
        return ClaimSettings.UNIT_KIT.equals(settings.ndcUnit()) ? "as UN 1 (one kit)"
                : "as ML and the total volume given (2 mL/kg)";
    }

    private static void lotNumber(Claim claim, List<ClaimIssue> issues) {
        boolean present = supportingInfo(claim, GeneGateTerminology.LOT_NUMBER)
                .anyMatch(s -> s.hasValueStringType() && !s.getValueStringType().getValue().isBlank());
        if (!present) {
            issues.add(ClaimIssue.error("required", "Claim.supportingInfo", "The kit lot number is missing.",
                    "Add supportingInfo (code " + GeneGateTerminology.CODE_SYSTEM + "|" + GeneGateTerminology.LOT_NUMBER
                            + ") with the lot on the kit given (payers ask for it with the NDC)."));
        }
    }

    private static java.util.stream.Stream<Claim.SupportingInformationComponent> supportingInfo(Claim claim,
                                                                                               String code) {
        return claim.getSupportingInfo().stream().filter(s -> s.getCode().getCoding().stream()
                .anyMatch(c -> GeneGateTerminology.CODE_SYSTEM.equals(c.getSystem()) && code.equals(c.getCode())));
    }

    private Optional<BigDecimal> infusionMinutes(Claim claim) {
        return supportingInfo(claim, GeneGateTerminology.INFUSION_MINUTES)
                .filter(Claim.SupportingInformationComponent::hasValueQuantity)
                .map(s -> s.getValueQuantity())
                .filter(q -> q.getValue() != null && ("min".equals(q.getCode()) || "min".equals(q.getUnit())
                        || "minutes".equalsIgnoreCase(q.getUnit())))
                .map(Quantity::getValue).findFirst();
    }

    private void administration(Claim claim, List<ClaimIssue> issues) {
        Integer first = null;
        Integer additional = null;
        for (int i = 0; i < claim.getItem().size(); i++) {
            Claim.ItemComponent item = claim.getItem().get(i);
            String path = "Claim.item[" + i + "]";
            for (Coding cpt : cpt(item.getProductOrService())) {
                if (codes.contains(GeneGateTerminology.VS_ADMINISTRATION_CPT_WRONG, cpt)) {
                    issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "CPT " + cpt.getCode()
                            + " is not the administration code of a Hemgenix infusion (not chemotherapy, not an IV "
                            + "push, not a radiopharmaceutical).", "Replace " + cpt.getCode() + " with 96365 "
                            + "(intravenous infusion, initial, up to 1 hour)."));
                } else if (GeneGateTerminology.CPT_INFUSION_FIRST_HOUR.equals(cpt.getCode())) {
                    first = i;
                } else if (GeneGateTerminology.CPT_INFUSION_ADDITIONAL_HOUR.equals(cpt.getCode())) {
                    additional = i;
                }
            }
        }
        if (first == null) {
            issues.add(ClaimIssue.error("required", "Claim.item", "No administration line: CPT 96365 is missing.",
                    "Add CPT 96365 x 1 for the infusion."));
        } else {
            BigDecimal units = claim.getItem().get(first).getQuantity().getValue();
            if (units != null && units.compareTo(BigDecimal.ONE) != 0) {
                issues.add(ClaimIssue.error("value", "Claim.item[" + first + "].quantity", "CPT 96365 is billed x "
                        + Numbers.plain(units) + ".", "Bill 96365 x 1 (the first hour); later hours are 96366."));
            }
        }
        Optional<BigDecimal> minutes = infusionMinutes(claim);
        int threshold = coding.addOnThresholdMinutes();
        if (additional != null) {
            String path = "Claim.item[" + additional + "]";
            if (minutes.isEmpty()) {
                issues.add(ClaimIssue.error("required", "Claim.supportingInfo", "CPT 96366 is billed, but the claim "
                        + "does not give the infusion time.", "Document the infusion minutes (supportingInfo code "
                        + GeneGateTerminology.INFUSION_MINUTES + "): 96366 only applies past " + threshold
                        + " minutes."));
            } else if (minutes.get().compareTo(BigDecimal.valueOf(threshold)) <= 0) {
                issues.add(ClaimIssue.error("business-rule", path + ".productOrService", "CPT 96366 is billed for an "
                        + "infusion of " + Numbers.plain(minutes.get()) + " minutes.", "Remove 96366: it applies only "
                        + "when the infusion runs past " + threshold + " minutes (an additional hour needs more than "
                        + "30 minutes beyond the first)."));
            } else {
                int allowed = additionalHours(minutes.get());
                BigDecimal units = claim.getItem().get(additional).getQuantity().getValue();
                if (units != null && units.compareTo(BigDecimal.valueOf(allowed)) > 0) {
                    issues.add(ClaimIssue.error("value", path + ".quantity", "CPT 96366 is billed x "
                            + Numbers.plain(units) + " for " + Numbers.plain(minutes.get()) + " minutes.", "Bill 96366 x "
                            + allowed + ": each additional hour needs more than 30 minutes beyond the hour before."));
                }
            }
        } else if (minutes.isPresent() && minutes.get().compareTo(BigDecimal.valueOf(threshold)) > 0) {
            issues.add(ClaimIssue.warning("business-rule", "Claim.item", "The infusion ran "
                    + Numbers.plain(minutes.get()) + " minutes and no 96366 is billed.", "Add CPT 96366 x "
                    + additionalHours(minutes.get()) + " for the time past the first hour."));
        }
    }

    /** Units of 96366: each additional hour counts when more than 30 minutes of it are used. */
    private static int additionalHours(BigDecimal minutes) {
        int whole = minutes.setScale(0, java.math.RoundingMode.CEILING).intValue();
        return Math.max(0, (whole - 31) / MINUTES_PER_HOUR);
    }

    private static List<Coding> cpt(CodeableConcept concept) {
        return concept.getCoding().stream().filter(c -> GeneGateTerminology.CPT.equals(c.getSystem()) && c.hasCode())
                .toList();
    }

    private void placeOfService(Claim claim, boolean professional, List<ClaimIssue> issues) {
        for (int i = 0; i < claim.getItem().size(); i++) {
            Claim.ItemComponent item = claim.getItem().get(i);
            String path = "Claim.item[" + i + "].locationCodeableConcept";
            Optional<Coding> pos = item.hasLocationCodeableConcept() ? item.getLocationCodeableConcept().getCoding()
                    .stream().filter(c -> GeneGateTerminology.POS.equals(c.getSystem()) && c.hasCode()).findFirst()
                    : Optional.empty();
            if (pos.isEmpty()) {
                if (professional) {
                    issues.add(ClaimIssue.error("required", path, "Line " + (i + 1) + " has no place of service.",
                            "Set the place of service: 19 (off-campus outpatient hospital), 21 (inpatient hospital) "
                                    + "or 22 (on-campus outpatient hospital)."));
                }
            } else if (!codes.contains(GeneGateTerminology.VS_PLACE_OF_SERVICE_ALLOWED, pos.get())) {
                issues.add(ClaimIssue.error("code-invalid", path, "Place of service " + pos.get().getCode()
                        + " is not a hospital setting for a Hemgenix infusion.", "Give Hemgenix at a hospital "
                        + "(POS 19, 21 or 22; payers may require a hemophilia treatment center or network center) "
                        + "and bill that place of service."));
            }
        }
    }

    private static void diagnoses(Claim claim, List<ClaimIssue> issues) {
        List<Claim.DiagnosisComponent> diagnoses = claim.getDiagnosis().stream()
                .sorted(Comparator.comparingInt(Claim.DiagnosisComponent::getSequence)).toList();
        Optional<Coding> primary = diagnoses.isEmpty() ? Optional.empty() : icd(diagnoses.get(0));
        if (primary.isEmpty() || !GeneGateTerminology.ICD10CM_HEMOPHILIA_B.equals(undotted(primary.get().getCode()))) {
            issues.add(ClaimIssue.error("business-rule", "Claim.diagnosis", primary.map(c -> "The primary diagnosis is "
                    + c.getCode() + ", not D67.").orElse("The claim has no primary ICD-10-CM diagnosis."),
                    "Make D67 (hereditary factor IX deficiency) the first diagnosis (sequence 1)."));
        }
        for (int i = 0; i < claim.getDiagnosis().size(); i++) {
            Optional<Coding> code = icd(claim.getDiagnosis().get(i));
            if (code.isEmpty()) {
                continue;
            }
            String value = code.get().getCode();
            String path = "Claim.diagnosis[" + i + "]";
            if (undotted(GeneGateTerminology.ICD10CM_ACQUIRED_HEMOPHILIA).equals(undotted(value))) {
                issues.add(ClaimIssue.error("code-invalid", path, "D68.311 is acquired hemophilia, not a FIX inhibitor "
                        + "in congenital hemophilia B.", "Remove D68.311. No ICD-10-CM code is specific to an inhibitor "
                        + "in hemophilia B; a patient with a positive Bethesda result is not a Hemgenix candidate."));
            } else if ("Z872".equals(undotted(value))) {
                issues.add(ClaimIssue.warning("code-invalid", path, "Z87.2 is personal history of diseases of the skin, "
                        + "not bleeding history.", "Remove Z87.2; document bleeds in the record (ICD-10-CM has no "
                        + "history-of-major-bleeding code)."));
            } else if (undotted(value).startsWith("M254")) {
                issues.add(ClaimIssue.warning("code-invalid", path, value + " is effusion of joint, not hemarthrosis.",
                        "Use M25.0- for hemarthrosis, or M36.2 (hemophilic arthropathy) after D67."));
            }
        }
    }

    /** Claims often carry ICD-10-CM codes without the dot (D68311); FHIR's system writes it (D68.311). */
    private static String undotted(String code) {
        return code.replace(".", "");
    }

    private static Optional<Coding> icd(Claim.DiagnosisComponent diagnosis) {
        if (!diagnosis.hasDiagnosisCodeableConcept()) {
            return Optional.empty();
        }
        return diagnosis.getDiagnosisCodeableConcept().getCoding().stream()
                .filter(c -> GeneGateTerminology.ICD10CM.equals(c.getSystem()) && c.hasCode())
                .map(c -> new Coding(c.getSystem(), c.getCode().strip().toUpperCase(Locale.ROOT), c.getDisplay()))
                .findFirst();
    }
}
