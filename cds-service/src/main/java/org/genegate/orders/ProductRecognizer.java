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
 * Tells whether a medication (a draft order's, or one in the patient's history) is the product of one policy: by
 * a code of the product's ValueSet (its HCPCS billing code, an NDC in any spelling, an RxNorm code), each under any
 * identifier the shipped NamingSystems list for its code system; by a code sent without a system that can
 * only be the product; or by text containing one of the policy's product names. An unclassified HCPCS code (J3490,
 * J3590, C9399) makes an order the product's only together with one of those, and is reported as
 * {@link ProductRecognition.By#HCPCS_UNCLASSIFIED} so the coding gate can ask for the billing code. Everything it
 * recognises by comes from the policy's {@code product:} section, so one class serves every product.
 */
public final class ProductRecognizer {

    private static final Pattern HCPCS_LEVEL_II = Pattern.compile("[A-Z][0-9]{4}");

    private final CodeIndex codes;
    private final ProductSettings product;
    /** The product's ValueSet: its billing code, NDCs and RxNorm codes. */
    private final String valueSet;
    /** Lower-case words that name the product in free text. */
    private final List<String> names;

    public ProductRecognizer(CodeIndex codes, ProductSettings product) {
        this.codes = codes;
        this.product = product;
        this.valueSet = product.valueSet();
        this.names = product.names().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** The product this recogniser is for. */
    public ProductSettings product() {
        return product;
    }

    /**
     * @param draftOrders the hook's other draft resources, where a medicationReference may point
     *                    (a Medication sent alongside the order)
     */
    public Optional<ProductRecognition> recognize(MedicationRequest request, List<? extends Resource> draftOrders) {
        if (request == null) {
            return Optional.empty();
        }
        return recognizeMedication(request.getMedication(), request, draftOrders);
    }

    /**
     * The same test for any medication[x]: a CodeableConcept, or a Reference to a Medication that
     * is attached, contained in the owner, or among the candidates.
     */
    public Optional<ProductRecognition> recognizeMedication(Type medication, DomainResource owner,
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
    public Optional<ProductRecognition> recognizeConcept(CodeableConcept concept) {
        return concept == null ? Optional.empty() : recognize(List.of(concept), List.of());
    }

    private Optional<ProductRecognition> recognize(List<CodeableConcept> concepts, List<String> extraTexts) {
        Coding billingCode = null;
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
                    if (withoutSystem == null && canOnlyBeProduct(code)) {
                        withoutSystem = coding;
                    }
                } else if (code != null && codes.contains(valueSet, system, code)) {
                    if (GeneGateTerminology.HCPCS.equals(system)) {
                        billingCode = first(billingCode, coding);
                    } else if (GeneGateTerminology.NDC.equals(system)) {
                        ndc = first(ndc, coding);
                    } else if (GeneGateTerminology.RXNORM.equals(system)) {
                        rxnorm = first(rxnorm, coding);
                    }
                } else if (code != null && codes.contains(GeneGateTerminology.VS_UNCLASSIFIED_HCPCS, system, code)) {
                    unclassified = first(unclassified, coding);
                }
                if (name == null && namesProduct(coding.getDisplay())) {
                    name = coding.getDisplay();
                }
            }
            if (name == null && namesProduct(concept.getText())) {
                name = concept.getText();
            }
        }
        for (String text : extraTexts) {
            if (name == null && namesProduct(text)) {
                name = text;
            }
        }
        boolean recognised = billingCode != null || ndc != null || rxnorm != null || name != null || withoutSystem != null;
        if (!recognised) {
            return Optional.empty();
        }
        if (unclassified != null) {
            // Even beside J1411 an unclassified code may be the one that reaches the claim: flag it.
            return Optional.of(recognition(ProductRecognition.By.HCPCS_UNCLASSIFIED, unclassified));
        }
        if (billingCode != null) {
            return Optional.of(recognition(ProductRecognition.By.HCPCS_BILLING_CODE, billingCode));
        }
        if (ndc != null) {
            return Optional.of(recognition(ProductRecognition.By.NDC, ndc));
        }
        if (rxnorm != null) {
            return Optional.of(recognition(ProductRecognition.By.RXNORM, rxnorm));
        }
        if (withoutSystem != null) {
            boolean hcpcs = codes.contains(valueSet, GeneGateTerminology.HCPCS,
                    withoutSystem.getCode().strip().toUpperCase(Locale.ROOT));
            return Optional.of(new ProductRecognition(hcpcs ? ProductRecognition.By.HCPCS_BILLING_CODE
                    : ProductRecognition.By.NDC, withoutSystem.getSystem(), withoutSystem.getCode(), true));
        }
        return Optional.of(new ProductRecognition(ProductRecognition.By.TEXT, null, name));
    }

    /**
     * A code sent without a system that can only mean the product: a HCPCS Level II code (a letter and four digits,
     * a form no other code system the EHRs send uses) of its ValueSet, or a hyphenated NDC of it. A bare
     * number could be an RxNorm code, an NDC or anything else, so it is not guessed at.
     */
    private boolean canOnlyBeProduct(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        if (HCPCS_LEVEL_II.matcher(upper).matches()) {
            return codes.contains(valueSet, GeneGateTerminology.HCPCS, upper);
        }
        return code.indexOf('-') > 0 && codes.contains(valueSet,
                GeneGateTerminology.NDC, code);
    }

    private static ProductRecognition recognition(ProductRecognition.By by, Coding coding) {
        return new ProductRecognition(by, coding.getSystem(), coding.getCode());
    }

    private static Coding first(Coding found, Coding candidate) {
        return found != null ? found : candidate;
    }

    /** HCPCS codes are upper case; an EHR that sends "j1412" still means J1412. */
    private static String normalizedCode(String canonicalSystem, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        code = code.strip();
        return GeneGateTerminology.HCPCS.equals(canonicalSystem) ? code.toUpperCase(Locale.ROOT) : code;
    }

    /** Whether free text names the product (case-insensitive). */
    public boolean namesProduct(String text) {
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
