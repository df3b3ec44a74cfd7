package org.genegate.cards;

import java.util.List;
import org.genegate.findings.GateFinding;
import org.genegate.findings.SourceClass;

/**
 * A finding as the card's {@code genegate.findings} extension lists it.
 *
 * @param sources the classes of source the finding rests on, as a card names them (e.g. "payer policy")
 */
public record CardFinding(String gate, String status, String severity, List<String> sources) {

    static CardFinding of(GateFinding finding) {
        return new CardFinding(finding.gateId(), finding.status().name(), finding.severity().indicator(),
                finding.sourceClasses().stream().map(SourceClass::text).toList());
    }
}
