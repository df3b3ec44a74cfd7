package org.genegate.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.genegate.clinical.References;
import org.genegate.policy.ProductSettings;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Tells whether a medication (a draft order's, or one in the patient's history) is Hemgenix: by
 * HCPCS J1411, a Hemgenix NDC (any spelling) or an RxNorm code of the Hemgenix ValueSet, each under any
 * identifier the shipped NamingSystems list for its code system; by a code sent without a system that can
 * only be Hemgenix; or by text containing one of the policy's product names. An unclassified HCPCS code (J3490,
 * J3590, C9399) makes an order a J1411 order only together with one of those, and is reported as
 * {@link HemgenixRecognition.By#HCPCS_UNCLASSIFIED} so the coding gate can ask for J1411.
 */
public final class HemgenixOrderRecognizer {

    private static final Pattern HCPCS_LEVEL_II = Pattern.compile("[A-Z][0-9]{4}");

    private final CodeIndex codes;
    /** Lower-case words that name the product in free text. */
    private final List<String> names;

    public HemgenixOrderRecognizer(CodeIndex codes, ProductSettings product) {
        this.codes = codes;
        this.names = product.names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @param draftOrders the hook's other draft resources, where a medicationReference may point
     *                    (a Medication sent alongside the order)
     */
    public Optional<HemgenixRecognition> recognize(MedicationRequest request, List<? extends Resource> draftOrders) {
        if (request == null) {
            return Optional.empty();
        }
        return recognizeMedication(request.getMedication(), request, draftOrders);
    }

    /**
     * The same test for any medication[x]: a CodeableConcept, or a Reference to a Medication that
     * is attached, contained in the owner, or among the candidates.
     */
    public Optional<HemgenixRecognition> recognizeMedication(Type medication, DomainResource owner,
                                                             List<? extends Resource> candidates) {
        List<CodeableConcept> concepts = new ArrayList<>(2);
        List<String> texts = new ArrayList<>(2);
        if (medication instanceof CodeableConcept concept) {
            concepts.add(concept);
        } else if (medication instanceof Reference reference) {
            if (reference.hasDisplay()) {
                texts.add(reference.getDisplay());
            }
            References.resolve(reference, Medication.class, owner, candidates)
                    .ifPresent(med -> concepts.add(med.getCode()));
        }
        return recognize(concepts, texts);
    }

    /** For a concept that names a product or a procedure directly (Procedure.code). */
    public Optional<HemgenixRecognition> recognizeConcept(CodeableConcept concept) {
        return concept == null ? Optional.empty() : recognize(List.of(concept), List.of());
    }

    private Optional<HemgenixRecognition> recognize(List<CodeableConcept> concepts, List<String> extraTexts) {
        Coding j1411 = null;
        Coding ndc = null;
        Coding rxnorm = null;
        Coding unclassified = null;
        Coding withoutSystem = null;
        String name = null;
        for (CodeableConcept concept : concepts) {
            for (Coding coding : concept.getCoding()) {
                String system = codes.canonicalSystem(coding.getSystem());
                String code = normalizedCode(system, coding.getCode());
                // A coding without a code may still name the product in its display (below).
                boolean noSystem = system == null || system.isEmpty();
                if (code != null && noSystem) {
                    if (withoutSystem == null && canOnlyBeHemgenix(code)) {
                        withoutSystem = coding;
                    }
                } else if (code != null && codes.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, system, code)) {
                    if (GeneGateTerminology.HCPCS.equals(system)) {
                        j1411 = first(j1411, coding);
                    } else if (GeneGateTerminology.NDC.equals(system)) {
                        ndc = first(ndc, coding);
                    } else if (GeneGateTerminology.RXNORM.equals(system)) {
                        rxnorm = first(rxnorm, coding);
                    }
                } else if (code != null && codes.contains(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS, system, code)) {
                    unclassified = first(unclassified, coding);
                }
                if (name == null && namesHemgenix(coding.getDisplay())) {
                    name = coding.getDisplay();
                }
            }
            if (name == null && namesHemgenix(concept.getText())) {
                name = concept.getText();
            }
        }
        for (String text : extraTexts) {
            if (name == null && namesHemgenix(text)) {
                name = text;
            }
        }
        boolean hemgenix = j1411 != null || ndc != null || rxnorm != null || name != null || withoutSystem != null;
        if (!hemgenix) {
            return Optional.empty();
        }
        if (unclassified != null) {
            // Even beside J1411 an unclassified code may be the one that reaches the claim: flag it.
            return Optional.of(recognition(HemgenixRecognition.By.HCPCS_UNCLASSIFIED, unclassified));
        }
        if (j1411 != null) {
            return Optional.of(recognition(HemgenixRecognition.By.HCPCS_J1411, j1411));
        }
        if (ndc != null) {
            return Optional.of(recognition(HemgenixRecognition.By.NDC, ndc));
        }
        if (rxnorm != null) {
            return Optional.of(recognition(HemgenixRecognition.By.RXNORM, rxnorm));
        }
        if (withoutSystem != null) {
            boolean hcpcs = codes.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.HCPCS,
                    withoutSystem.getCode().strip().toUpperCase(Locale.ROOT));
            return Optional.of(new HemgenixRecognition(hcpcs ? HemgenixRecognition.By.HCPCS_J1411
                    : HemgenixRecognition.By.NDC, withoutSystem.getSystem(), withoutSystem.getCode(), true));
        }
        return Optional.of(new HemgenixRecognition(HemgenixRecognition.By.TEXT, null, name));
    }

    /**
     * A code sent without a system that can only mean Hemgenix: a HCPCS Level II code (a letter and four digits,
     * a form no other code system the EHRs send uses) that is J1411, or a hyphenated NDC of Hemgenix. A bare
     * number could be an RxNorm code, an NDC or anything else, so it is not guessed at.
     */
    private boolean canOnlyBeHemgenix(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (HCPCS_LEVEL_II.matcher(upper).matches()) {
            return codes.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT, GeneGateTerminology.HCPCS, upper);
        }
        return code.indexOf('-') > 0 && codes.contains(GeneGateTerminology.VS_HEMGENIX_PRODUCT,
                GeneGateTerminology.NDC, code);
    }

    private static HemgenixRecognition recognition(HemgenixRecognition.By by, Coding coding) {
        return new HemgenixRecognition(by, coding.getSystem(), coding.getCode());
    }

    private static Coding first(Coding found, Coding candidate) {
        return found != null ? found : candidate;
    }

    /** HCPCS codes are upper case; an EHR that sends "j1411" still means J1411. */
    private static String normalizedCode(String canonicalSystem, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        code = code.strip();
        return GeneGateTerminology.HCPCS.equals(canonicalSystem) ? code.toUpperCase(Locale.ROOT) : code;
    }

    /** Whether free text names the product (case-insensitive). */
    public boolean namesHemgenix(String text) {
        return containsAny(text, names);
    }

    /** Whether the text contains any of the lower-case names. */
    public static boolean containsAny(String text, List<String> lowerCaseNames) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : lowerCaseNames) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
