package org.genegate.cards;

import org.genegate.gates.GateFinding;

/** A finding as the card's {@code genegate.findings} extension lists it. */
public record CardFinding(String gate, String status, String severity) {

    static CardFinding of(GateFinding finding) {
        return new CardFinding(finding.gateId(), finding.status().name(), finding.severity().indicator());
    }
}
