package org.genegate.policy;

import java.util.Objects;

/**
 * How a gate is named for a clinician. A gate kind has its own; a policy may name a gate it runs under another id
 * with its own titles (e.g. the factor-activity kind as "FVIII activity").
 *
 * @param title   the heading of the gate's line in a card's detail, e.g. "Anti-AAV5 neutralizing antibodies"
 * @param summary a few words for the card summary, e.g. "anti-AAV5 NAb titer"
 * @param checks  what the gate checks, in "Could not verify the …", e.g. "anti-AAV5 neutralizing antibody titer"
 */
public record GateTitles(String title, String summary, String checks) {

    public GateTitles {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(checks, "checks");
    }
}
