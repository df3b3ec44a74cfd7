package org.genegate.gates;

import java.math.BigDecimal;
import java.util.Map;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code factor-activity} kind: how low the patient's own clotting factor activity must be.
 * Hemgenix runs it for FIX ({@code <= 2 %}, a payer and trial criterion), Roctavian for FVIII ({@code < 1 IU/dL},
 * the US label indication).
 *
 * @param factor         how messages name the factor's activity, e.g. {@code FIX activity}
 * @param valueSet       the ValueSet of the activity results the gate reads
 * @param orderCode      the LOINC code a missing result's remedy orders
 * @param maximumPercent the limit, in % of normal (= IU/dL)
 * @param belowOnly      true: only a value below the limit passes ({@code <}); false: the limit itself passes
 *                       ({@code <=})
 * @param requiredBy     who sets the limit, for messages, e.g. {@code payers and the HOPE-B trial (not a label
 *                       criterion)}
 * @param assays         the assay each result code stands for (e.g. 3209-4 one-stage, 49865-9 chromogenic), named
 *                       in messages where assays disagree; empty when the codes need no such note
 */
public record FactorActivitySettings(boolean enabled, Severities severities, String source, String factor,
                                     String valueSet, String orderCode, BigDecimal maximumPercent, boolean belowOnly,
                                     String requiredBy, Map<String, String> assays) implements GateSettings {

    public FactorActivitySettings {
        assays = Map.copyOf(assays);
    }

    public static final String ID = "factor-activity";

    /** Reads a section of the {@code factor-activity} kind. */
    public static FactorActivitySettings read(PolicyNode g) {
        g.allowGateKeys("factor", "valueSet", "orderCode", "maximumPercent", "comparator", "requiredBy",
                "assays");
        String comparator = g.text("comparator");
        if (!comparator.equals("<") && !comparator.equals("<=")) {
            throw g.error("comparator", "'" + comparator + "' is not one of <, <=");
        }
        return new FactorActivitySettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("factor"),
                g.text("valueSet"), g.text("orderCode"), g.positiveDecimal("maximumPercent"), comparator.equals("<"),
                g.text("requiredBy"), g.optionalTextMap("assays"));
    }

    /** "<= 2 %" or "< 1 %". */
    public String limitText(String maximum) {
        return (belowOnly ? "< " : "<= ") + maximum + " %";
    }

    /** Whether a value passes the limit. */
    public boolean passes(BigDecimal value) {
        int compared = value.compareTo(maximumPercent);
        return belowOnly ? compared < 0 : compared <= 0;
    }
}
