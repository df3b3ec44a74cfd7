package org.genegate.gates;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code payer} gate, with the payer table; the first entry that matches wins.
 */
public record PayerSettings(boolean enabled, Severities severities, String source, List<PayerEntry> payers)
        implements GateSettings {

    private static final Set<String> PAYER_KEYS = new LinkedHashSet<>(List.of("id", "name", "match",
            "priorAuthorization", "outcomesBasedAgreement", "documentation", "links", "source"));
    public static final String ID = "payer";

    public PayerSettings {
        payers = List.copyOf(payers);
    }

    /** Reads the {@code payer} section of the policy, with its payer table. */
    public static PayerSettings read(PolicyNode g) {
        g.allowGateKeys("payers");
        List<PayerEntry> payers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PolicyNode p : g.objectList("payers", false)) {
            p.allowOnly(PAYER_KEYS);
            String id = p.text("id");
            if (!ids.add(id)) {
                throw p.error("id", "payer id '" + id + "' appears twice");
            }
            payers.add(new PayerEntry(id, p.text("name"), p.textList("match", false),
                    p.choice("priorAuthorization", PriorAuthorization.class), p.text("outcomesBasedAgreement"),
                    p.textList("documentation", false), p.links("links"), p.text("source")));
        }
        return new PayerSettings(g.bool("enabled"), g.severities(), g.text("source"), payers);
    }
}
