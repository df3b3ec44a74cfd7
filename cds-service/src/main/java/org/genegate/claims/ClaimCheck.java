package org.genegate.claims;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.genegate.clinical.Numbers;
import org.genegate.gates.CodingGate;
import org.genegate.gates.CodingSettings;
import org.genegate.gates.DoseCalculation;
import org.genegate.gates.WeightAndDoseGate;
import org.genegate.gates.WeightAndDoseSettings;
import org.genegate.policy.ClaimSettings;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.genegate.terminology.Ndc;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The billing half of the claim check for one product's policy: what is written on a professional or
 * institutional FHIR Claim. How the product is billed (one unit per dose, or per mL with JW/JZ lines), the primary
 * diagnosis and the tests never billed are the policy's {@code claim} section.
 *
 * <p>How the Claim carries what the 837 carries:
 * <ul>
 *   <li>the drug line: {@code item.productOrService} the product's HCPCS code (any of the three HCPCS system URIs),
 *       {@code item.quantity} 1 (J1411) or the mL given (J1412); the discarded mL on a second line of the same code
 *       with {@code item.modifier} JW, or JZ on the drug line when nothing was discarded;</li>
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
    private static final int CPT_ADD_ON_THRESHOLD_MINUTES = 90;
    /** HCPCS modifiers for single-dose containers: the amount discarded, and nothing discarded. */
    private static final String MODIFIER_DISCARDED = "JW";
    private static final String MODIFIER_NOT_DISCARDED = "JZ";

    private final ClaimSettings settings;
    /** Minutes past which CPT 96366 applies: the coding gate's setting where the policy runs one. */
    private final int addOnThresholdMinutes;
    private final WeightAndDoseSettings dose;
    private final ProductSettings product;
    private final CodeIndex codes;

    public ClaimCheck(Policy policy, CodeIndex codes) {
        this.settings = policy.claim();
        // A product whose policy has no order-time coding gate (J1412) keeps the CPT rule itself: an additional
        // hour needs more than 30 minutes beyond the first, so 96366 starts past 90 minutes.
        this.addOnThresholdMinutes = policy.find(CodingGate.DEFINITION).map(CodingSettings::addOnThresholdMinutes)
                .orElse(CPT_ADD_ON_THRESHOLD_MINUTES);
        this.dose = policy.settings(WeightAndDoseGate.DEFINITION);
        this.product = policy.product();
        this.codes = codes;
    }

    public List<ClaimIssue> check(Claim claim) {
        return check(claim, Optional.empty());
    }

    /**
     * @param weightKg the patient's body weight from the record, when known: with it a kit billed as one unit
     *                 can be matched to the vials the dose needs
     */
    public List<ClaimIssue> check(Claim claim, Optional<BigDecimal> weightKg) {
        List<ClaimIssue> issues = new ArrayList<>();
        boolean professional = claimType(claim, issues);
        List<Integer> allDrugLines = drugLines(claim);
        // With single-dose vials the discarded amount is a second line of the same code with modifier JW.
        List<Integer> discardLines = settings.discardModifiers()
                ? allDrugLines.stream().filter(i -> hasModifier(claim.getItem().get(i), MODIFIER_DISCARDED)).toList()
                : List.of();
        List<Integer> drugLines = allDrugLines.stream().filter(i -> !discardLines.contains(i)).toList();
        if (drugLines.isEmpty()) {
            issues.add(ClaimIssue.error("required", "Claim.item", "No " + product.name() + " line: no item is "
                    + "billed as HCPCS " + product.billingCode() + " (or as an unclassified code naming "
                    + product.name() + ").", "Add a line with HCPCS " + product.billingCode() + " x "
                    + unitsAdvice() + " and the " + product.name() + " NDC in its detail."));
        } else if (drugLines.size() > 1) {
            issues.add(ClaimIssue.error("business-rule", "Claim.item", product.name() + " is billed on "
                    + drugLines.size() + " lines.", "Bill one line: " + product.billingCode() + " x "
                    + unitsAdvice() + (settings.discardModifiers() ? ", and the discarded mL on one JW line." : ".")));
        }
        for (int index : drugLines) {
            drugLine(claim.getItem().get(index), "Claim.item[" + index + "]", weightKg, issues);
        }
        if (settings.discardModifiers() && drugLines.size() == 1) {
            discard(claim, drugLines.get(0), discardLines, issues);
        }
        unbilledTests(claim, issues);
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
            if (codes.firstMatch(product.valueSet(), item.getProductOrService()).isPresent()) {
                lines.add(i);
            } else if (codes.firstMatch(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS, item.getProductOrService())
                    .isPresent()) {
                unclassified.add(i);
            }
        }
        // A claim for Hemgenix with no J1411 line bills it on an unclassified code: that line is the drug line.
        return lines.isEmpty() ? unclassified : lines;
    }

    private void drugLine(Claim.ItemComponent item, String path, Optional<BigDecimal> weightKg,
                          List<ClaimIssue> issues) {
        Optional<Coding> unclassified = codes.firstMatch(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS,
                item.getProductOrService());
        if (unclassified.isPresent()) {
            String problem = product.name() + " is billed as " + unclassified.get().getCode()
                    + ", an unclassified code.";
            String fix = "Replace " + unclassified.get().getCode() + " with " + product.billingCode()
                    + codes.display(GeneGateTerminology.HCPCS, product.billingCode()).map(d -> " (" + d + ")")
                            .orElse("") + (settings.unclassifiedCode() == ClaimSettings.IssueSeverity.ERROR
                    ? ", the permanent code since 2023-04-01."
                    : ", the product's own code, unless the payer still asks for the unclassified one.");
            issues.add(settings.unclassifiedCode() == ClaimSettings.IssueSeverity.ERROR
                    ? ClaimIssue.error("code-invalid", path + ".productOrService", problem, fix)
                    : ClaimIssue.warning("code-invalid", path + ".productOrService", problem, fix));
        }
        BigDecimal quantity = item.getQuantity().getValue();
        if (settings.billingUnit() == ClaimSettings.BillingUnit.MILLILITRE) {
            millilitresBilled(quantity, path, weightKg, issues);
        } else if (quantity == null || quantity.compareTo(BigDecimal.ONE) != 0) {
            issues.add(ClaimIssue.error("value", path + ".quantity", product.billingCode() + " is billed as "
                    + (quantity == null ? "no" : Numbers.plain(quantity)) + " unit(s).",
                    "Bill " + product.billingCode() + " x 1 unit: one unit is the whole therapeutic dose, whatever "
                            + "the volume or vial count."));
        }
        ndc(item, path, weightKg, issues);
    }

    /**
     * A product billed per mL: the units are the mL given. One unit, or the vial count, is the usual mistake; with
     * the patient's weight the units are compared with the weight-based dose.
     */
    private void millilitresBilled(BigDecimal units, String path, Optional<BigDecimal> weightKg,
                                   List<ClaimIssue> issues) {
        String perMl = product.billingCode() + " is billed per mL: one unit is 1 mL";
        if (units == null || units.signum() <= 0) {
            issues.add(ClaimIssue.error("required", path + ".quantity", product.billingCode() + " is billed with no "
                    + "units.", "Bill the mL given: " + perMl + " (" + Numbers.plain(dose.millilitresPerKg())
                    + " mL/kg)."));
            return;
        }
        Optional<DoseCalculation> expected = weightKg.map(kg -> DoseCalculation.of(kg, dose, product.name()));
        String forWeight = expected.map(e -> "; the dose for " + Numbers.plain(e.weightKg()
                .setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()) + " kg is "
                + Numbers.plain(e.roundedMillilitres()) + " mL").orElse("");
        if (units.compareTo(BigDecimal.ONE) == 0) {
            issues.add(ClaimIssue.error("value", path + ".quantity", product.billingCode() + " is billed as 1 unit.",
                    "Bill the mL given, not one dose: " + perMl + forWeight + "."));
        } else if (expected.isPresent() && units.compareTo(BigDecimal.valueOf(expected.get().vials())) == 0
                && units.compareTo(expected.get().roundedMillilitres()) != 0) {
            issues.add(ClaimIssue.error("value", path + ".quantity", product.billingCode() + " is billed as "
                    + Numbers.plain(units) + " units, the vial count.", "Bill the mL given, not vials: " + perMl
                    + forWeight + "."));
        } else if (expected.isPresent() && offByMoreThanTolerance(units, expected.get().millilitres())) {
            issues.add(ClaimIssue.warning("value", path + ".quantity", product.billingCode() + " is billed as "
                    + Numbers.plain(units) + " mL" + forWeight + ".", "Bill the mL given; if the dose given "
                    + "differed from the weight-based dose, keep the mL given and document why."));
        }
    }

    private boolean offByMoreThanTolerance(BigDecimal billed, BigDecimal expected) {
        BigDecimal allowed = expected.multiply(dose.tolerancePercent())
                .divide(BigDecimal.valueOf(100), 3, RoundingMode.HALF_UP);
        return billed.subtract(expected).abs().compareTo(allowed) > 0;
    }

    /**
     * Single-dose vials: what the vials held beyond the mL given was discarded and is billed on a second line
     * of the same code with modifier JW; when nothing was discarded the drug line carries JZ. Vials hold the
     * policy's nominal volume (weight-and-dose vialMillilitres).
     */
    private void discard(Claim claim, int drugLine, List<Integer> discardLines, List<ClaimIssue> issues) {
        Claim.ItemComponent item = claim.getItem().get(drugLine);
        BigDecimal given = item.getQuantity().getValue();
        if (given == null || given.signum() <= 0) {
            return;
        }
        String path = "Claim.item[" + drugLine + "]";
        int vials = given.divide(dose.vialMillilitres(), 0, RoundingMode.CEILING).intValueExact();
        BigDecimal discarded = dose.vialMillilitres().multiply(BigDecimal.valueOf(vials)).subtract(given);
        String arithmetic = vials + " vials of " + Numbers.plain(dose.vialMillilitres()) + " mL for "
                + Numbers.plain(given) + " mL given";
        boolean notDiscarded = hasModifier(item, MODIFIER_NOT_DISCARDED);
        BigDecimal billedDiscard = discardLines.stream().map(i -> claim.getItem().get(i).getQuantity().getValue())
                .map(v -> v == null ? BigDecimal.ZERO : v).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (discarded.signum() == 0) {
            if (!discardLines.isEmpty()) {
                issues.add(ClaimIssue.error("business-rule", "Claim.item[" + discardLines.get(0) + "].modifier",
                        "A JW line bills a discarded amount, but " + arithmetic + " leave nothing.",
                        "Remove the JW line and put modifier JZ on the " + product.billingCode() + " line."));
            } else if (!notDiscarded) {
                issues.add(ClaimIssue.error("required", path + ".modifier", "The " + product.billingCode()
                        + " line has no JZ modifier: " + arithmetic + " leave nothing to discard.",
                        "Add modifier JZ (no amount discarded from a single-dose container) to the "
                                + product.billingCode() + " line."));
            }
            return;
        }
        if (notDiscarded) {
            issues.add(ClaimIssue.error("business-rule", path + ".modifier", "The " + product.billingCode()
                    + " line says JZ (nothing discarded), but " + arithmetic + " leave " + Numbers.plain(discarded)
                    + " mL.", "Remove JZ and bill " + Numbers.plain(discarded) + " units of "
                    + product.billingCode() + " on a line with modifier JW."));
        }
        if (discardLines.isEmpty()) {
            issues.add(ClaimIssue.error("required", "Claim.item", "No JW line for the discarded "
                    + Numbers.plain(discarded) + " mL (" + arithmetic + ").", "Add a line " + product.billingCode()
                    + " with modifier JW x " + Numbers.plain(discarded) + " units."));
        } else if (billedDiscard.compareTo(discarded) != 0) {
            issues.add(ClaimIssue.error("value", "Claim.item[" + discardLines.get(0) + "].quantity", "The JW line "
                    + "bills " + Numbers.plain(billedDiscard) + " units; " + arithmetic + " leave "
                    + Numbers.plain(discarded) + " mL.", "Bill " + Numbers.plain(discarded) + " units on the JW line."));
        }
    }

    private static boolean hasModifier(Claim.ItemComponent item, String modifier) {
        return item.getModifier().stream().flatMap(m -> m.getCoding().stream())
                .anyMatch(c -> c.hasCode() && modifier.equalsIgnoreCase(c.getCode().strip()));
    }

    /** A line for a test that is given free of charge (e.g. a manufacturer-paid companion diagnostic). */
    private void unbilledTests(Claim claim, List<ClaimIssue> issues) {
        for (int i = 0; i < claim.getItem().size(); i++) {
            CodeableConcept service = claim.getItem().get(i).getProductOrService();
            String text = (service.getText() + " " + service.getCoding().stream().map(Coding::getDisplay).toList())
                    .toLowerCase(Locale.ROOT);
            for (String test : settings.unbilledTests()) {
                if (text.contains(test.toLowerCase(Locale.ROOT))) {
                    issues.add(ClaimIssue.warning("business-rule", "Claim.item[" + i + "]", "Line " + (i + 1)
                            + " bills " + test + ", a test given free of charge.", "Remove the line: " + test
                            + " is not billed (" + settings.source() + ")."));
                    break;
                }
            }
        }
    }

    /** How many units the drug line bills, for advice. */
    private String unitsAdvice() {
        return settings.billingUnit() == ClaimSettings.BillingUnit.MILLILITRE ? "the mL given (1 unit = 1 mL)"
                : "1 unit";
    }

    private void ndc(Claim.ItemComponent item, String path, Optional<BigDecimal> weightKg, List<ClaimIssue> issues) {
        for (int d = 0; d < item.getDetail().size(); d++) {
            Claim.DetailComponent detail = item.getDetail().get(d);
            Optional<Coding> ndc = detail.getProductOrService().getCoding().stream()
                    .filter(c -> GeneGateTerminology.NDC.equals(codes.canonicalSystem(c.getSystem())) && c.hasCode())
                    .findFirst();
            if (ndc.isPresent() && exampleKit().isEmpty()) {
                // The product list names no NDC (none confirmed yet): the NDC can be neither accepted nor refused.
                issues.add(new ClaimIssue(ClaimIssue.Severity.INFORMATION, "informational", path + ".detail[" + d
                        + "].productOrService", "NDC " + ndc.get().getCode() + " was not checked: the "
                        + product.name() + " product list holds no NDC.", "Check the NDC against the carton of the "
                        + "vials given; once confirmed, add it to the product's value set."));
                return;
            }
            if (ndc.isPresent()) {
                String detailPath = path + ".detail[" + d + "]";
                Optional<Coding> kit = checkNdc(ndc.get().getCode().strip(), detail.getQuantity(), detailPath, issues);
                kit.ifPresent(k -> kitSize(k, detail.getQuantity(), weightKg, detailPath, issues));
                return;
            }
        }
        String example = exampleKit();
        issues.add(ClaimIssue.error("required", path + ".detail", "The " + product.name() + " line has no NDC.",
                "Add " + (example.isEmpty() ? "the NDC on the carton" : "the kit NDC") + " as an item.detail (837 LIN: "
                        + "N4 qualifier + 11-digit NDC" + (example.isEmpty() ? "" : ", e.g. N4" + example)
                        + ") with the quantity and unit " + unitAdvice() + "."));
    }

    /** The NDC's own checks; the product list's coding of the kit when the NDC is a Hemgenix one. */
    private Optional<Coding> checkNdc(String code, Quantity quantity, String path, List<ClaimIssue> issues) {
        List<String> readings = Ndc.elevenDigitCandidates(code);
        Optional<String> hemgenix = readings.stream()
                .filter(r -> codes.contains(product.valueSet(), GeneGateTerminology.NDC, r))
                .findFirst();
        Set<String> labelers = hemgenixLabelers();
        if (readings.isEmpty()) {
            issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "'" + code + "' is not an NDC.",
                    "Send the kit's NDC as 11 digits in 5-4-2 form without hyphens after the N4 qualifier, e.g. "
                            + "N4" + exampleKit() + "."));
        } else if (hemgenix.isEmpty() && readings.stream().anyMatch(r -> labelers.contains(r.substring(0, 5)))) {
            // The product's labeler, but not a kit the product list names: the list may lack a kit size, so this
            // is for the biller to confirm, not a denial to predict.
            issues.add(ClaimIssue.warning("code-invalid", path + ".productOrService", "NDC " + code + " has the "
                    + product.name() + " labeler but is not in the " + product.name() + " product list (value set "
                    + "hemgenix-product).", "Check the NDC on the kit given against the FDA NDC directory; if it is a "
                    + product.name() + " kit, add it to the hemgenix-product value set."));
        } else if (hemgenix.isEmpty()) {
            issues.add(ClaimIssue.error("code-invalid", path + ".productOrService", "NDC " + code + " is not a "
                    + product.name() + " NDC (none of the " + product.name() + " product list's NDCs; 63833-0876-01, "
                    + "printed on some billing sheets, is not " + product.name() + ").",
                    "Use the NDC on the kit given, sent as 11 digits without hyphens, e.g. N4" + exampleKit() + "."));
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
            return member(hemgenix);
        }
        if (!unit.equals(settings.ndcUnit())) {
            issues.add(ClaimIssue.error("value", path + ".quantity", "The NDC unit is " + unit + "; this payer's "
                    + "policy wants " + settings.ndcUnit() + ".", "Send the NDC quantity " + unitAdvice()
                    + " (genegate claim.ndcUnit; confirm the billing unit with the payer)."));
            return member(hemgenix);
        }
        BigDecimal value = quantity.getValue();
        if (ClaimSettings.UNIT_KIT.equals(unit) && (value == null || value.compareTo(BigDecimal.ONE) != 0)) {
            issues.add(ClaimIssue.error("value", path + ".quantity", "The NDC quantity is "
                    + (value == null ? "missing" : Numbers.plain(value) + " UN") + ".", "One kit: UN 1."));
        } else if (ClaimSettings.UNIT_MILLILITRES.equals(unit) && (value == null || value.signum() <= 0)) {
            issues.add(ClaimIssue.error("required", path + ".quantity", "The NDC quantity in ML has no volume.",
                    "Send the total volume given in mL (2 mL/kg), e.g. ML 140 for 70 kg."));
        }
        return member(hemgenix);
    }

    private Optional<Coding> member(Optional<String> ndc) {
        return ndc.flatMap(n -> codes.member(product.valueSet(), GeneGateTerminology.NDC, n));
    }

    /** The labelers (first five of the 11 digits) of the product list's NDCs. */
    private Set<String> hemgenixLabelers() {
        Set<String> labelers = new HashSet<>();
        for (Coding coding : codes.codes(product.valueSet())) {
            if (GeneGateTerminology.NDC.equals(coding.getSystem())) {
                Ndc.toElevenDigits(coding.getCode()).ifPresent(n -> labelers.add(n.substring(0, 5)));
            }
        }
        return labelers;
    }

    /** A kit NDC of the product list in claim form, for advice. */
    private String exampleKit() {
        return codes.codes(product.valueSet()).stream()
                .filter(c -> GeneGateTerminology.NDC.equals(c.getSystem()))
                .map(c -> Ndc.toElevenDigits(c.getCode())).flatMap(Optional::stream).findFirst().orElse("");
    }

    /**
     * The kit should hold the vials the dose needs: ceil(2 mL/kg x weight / 10 mL), from the volume billed in ML or
     * from the patient's weight. Where the product list gives no vial count for the kit, the check says so.
     */
    private void kitSize(Coding kit, Quantity quantity, Optional<BigDecimal> weightKg, String path,
                         List<ClaimIssue> issues) {
        Optional<Integer> needed = vialsNeeded(quantity, weightKg);
        if (needed.isEmpty()) {
            return;
        }
        Extension count = kit.getExtensionByUrl(GeneGateTerminology.KIT_VIAL_COUNT_EXTENSION);
        if (count == null || !(count.getValue() instanceof IntegerType vials)
                || vials.getValue() == null) {
            issues.add(new ClaimIssue(ClaimIssue.Severity.INFORMATION, "informational", path + ".productOrService",
                    "The kit size could not be checked: the " + product.name()
                            + " product list gives no vial count for NDC "
                            + kit.getCode() + ", and the dose needs " + needed.get() + " vials.",
                    "Confirm that the kit billed holds " + needed.get() + " vials (kits hold 10 to 48)."));
        } else if (vials.getValue() != needed.get()) {
            issues.add(ClaimIssue.warning("business-rule", path + ".productOrService", "NDC " + kit.getCode()
                    + " is the " + vials.getValue() + "-vial kit, and the dose needs " + needed.get() + " vials.",
                    "Bill the NDC of the " + needed.get() + "-vial kit that was given (one NDC per kit size)."));
        }
    }

    private Optional<Integer> vialsNeeded(Quantity quantity, Optional<BigDecimal> weightKg) {
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        BigDecimal millilitres = ClaimSettings.UNIT_MILLILITRES.equalsIgnoreCase(unit == null ? null : unit.strip())
                && quantity.getValue() != null && quantity.getValue().signum() > 0 ? quantity.getValue()
                : weightKg.map(kg -> DoseCalculation.of(kg, dose, product.name()).roundedMillilitres()).orElse(null);
        return millilitres == null ? Optional.empty() : Optional.of(millilitres
                .divide(dose.vialMillilitres(), 0, RoundingMode.CEILING).intValueExact());
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

    private static Stream<Claim.SupportingInformationComponent> supportingInfo(Claim claim,
                                                                                               String code) {
        return claim.getSupportingInfo().stream().filter(s -> s.getCode().getCoding().stream()
                .anyMatch(c -> GeneGateTerminology.CODE_SYSTEM.equals(c.getSystem()) && code.equals(c.getCode())));
    }

    /**
     * The documented infusion time: supportingInfo {@code infusion-minutes} as a valueQuantity in minutes, or as a
     * timingPeriod with the start and stop times (to the minute) of the infusion.
     */
    private Optional<BigDecimal> infusionMinutes(Claim claim) {
        for (Claim.SupportingInformationComponent info : supportingInfo(claim, GeneGateTerminology.INFUSION_MINUTES)
                .toList()) {
            if (info.hasValueQuantity()) {
                Quantity q = info.getValueQuantity();
                if (q.getValue() != null && ("min".equals(q.getCode()) || "min".equals(q.getUnit())
                        || "minutes".equalsIgnoreCase(q.getUnit()))) {
                    return Optional.of(q.getValue());
                }
            } else if (info.hasTimingPeriod()) {
                Optional<BigDecimal> minutes = minutesBetween(info.getTimingPeriod());
                if (minutes.isPresent()) {
                    return minutes;
                }
            }
        }
        return Optional.empty();
    }

    /** Minutes from start to stop; empty unless both carry a time of day and the stop is after the start. */
    private static Optional<BigDecimal> minutesBetween(Period period) {
        if (!period.hasStart() || !period.hasEnd()
                || period.getStartElement().getPrecision().compareTo(TemporalPrecisionEnum.MINUTE) < 0
                || period.getEndElement().getPrecision().compareTo(TemporalPrecisionEnum.MINUTE) < 0) {
            return Optional.empty();
        }
        long seconds = Duration.between(period.getStart().toInstant(), period.getEnd().toInstant())
                .getSeconds();
        return seconds <= 0 ? Optional.empty()
                : Optional.of(BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros());
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
                            + " is not the administration code of a " + product.name()
                            + " infusion (not chemotherapy, not an IV "
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
        int threshold = addOnThresholdMinutes;
        if (additional != null) {
            String path = "Claim.item[" + additional + "]";
            if (minutes.isEmpty()) {
                issues.add(ClaimIssue.error("required", "Claim.supportingInfo", "CPT 96366 is billed, but the claim "
                        + "does not give the infusion time.", "Document the infusion's start and stop times "
                        + "(supportingInfo code " + GeneGateTerminology.INFUSION_MINUTES + ", as a timingPeriod or "
                        + "the minutes): 96366 only applies past " + threshold + " minutes."));
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
        int whole = minutes.setScale(0, RoundingMode.CEILING).intValue();
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
                // Hospital settings are the usual ones, but some payers pay J1411 elsewhere (Texas Medicaid in the
                // office, POS 11): outside the site's list is for the biller to confirm, not a denial to predict.
                issues.add(ClaimIssue.warning("code-invalid", path, "Place of service " + pos.get().getCode()
                        + " is not in this site's list of settings for a " + product.name() + " infusion (value set "
                        + "place-of-service-allowed).", "Confirm that the payer pays " + product.billingCode()
                        + " in this setting (some do "
                        + "in the office, POS 11, e.g. Texas Medicaid); otherwise bill the setting where it was "
                        + "given (usually POS 19, 21 or 22)."));
            }
        }
    }

    private void diagnoses(Claim claim, List<ClaimIssue> issues) {
        List<Claim.DiagnosisComponent> diagnoses = claim.getDiagnosis().stream()
                .sorted(Comparator.comparingInt(Claim.DiagnosisComponent::getSequence)).toList();
        Optional<Coding> primary = diagnoses.isEmpty() ? Optional.empty() : icd(diagnoses.get(0));
        String expected = settings.primaryDiagnosis();
        if (primary.isEmpty() || !undotted(expected).equals(undotted(primary.get().getCode()))) {
            issues.add(ClaimIssue.error("business-rule", "Claim.diagnosis", primary.map(c -> "The primary diagnosis is "
                    + c.getCode() + ", not " + expected + ".").orElse("The claim has no primary ICD-10-CM diagnosis."),
                    "Make " + expected + codes.display(GeneGateTerminology.ICD10CM, expected)
                            .map(d -> " (" + d + ")").orElse("")
                            + " the first diagnosis (sequence 1)."));
        }
        for (int i = 0; i < claim.getDiagnosis().size(); i++) {
            Optional<Coding> code = icd(claim.getDiagnosis().get(i));
            if (code.isEmpty()) {
                continue;
            }
            String value = code.get().getCode();
            String path = "Claim.diagnosis[" + i + "]";
            if (undotted(GeneGateTerminology.ICD10CM_ACQUIRED_HEMOPHILIA).equals(undotted(value))) {
                issues.add(ClaimIssue.error("code-invalid", path, "D68.311 is acquired hemophilia, not an inhibitor "
                        + "in the congenital hemophilia (" + expected + ") " + product.name() + " treats.",
                        "Remove D68.311; an inhibitor is read from the Bethesda result, not a diagnosis code, and a "
                        + "patient with a positive result is not a " + product.name() + " candidate."));
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
