package org.genegate.policy;

import java.util.List;

/**
 * Settings of the {@code payer} gate, with the payer table; the first entry that matches wins.
 */
public record PayerSettings(boolean enabled, Severities severities, String source, List<PayerEntry> payers)
        implements GateSettings {

    public static final String ID = "payer";

    public PayerSettings {
        payers = List.copyOf(payers);
    }

    @Override
    public String gateId() {
        return ID;
    }
}
