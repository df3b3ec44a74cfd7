package org.genegate.cards;

import java.util.List;
import org.genegate.cdshooks.CardCoding;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reasons a clinician can give to go on past a critical card: the concepts of the override-reason
 * CodeSystem shipped with the terminology, so the card offers exactly what the server publishes.
 */
public final class OverrideReasons {

    private OverrideReasons() {
    }

    public static List<CardCoding> from(List<Resource> terminology) {
        CodeSystem codeSystem = terminology.stream()
                .filter(CodeSystem.class::isInstance).map(CodeSystem.class::cast)
                .filter(cs -> GeneGateTerminology.OVERRIDE_REASON_SYSTEM.equals(cs.getUrl()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The terminology has no CodeSystem "
                        + GeneGateTerminology.OVERRIDE_REASON_SYSTEM));
        return codeSystem.getConcept().stream()
                .map(c -> new CardCoding(codeSystem.getUrl(), c.getCode(), c.getDisplay()))
                .toList();
    }
}
