package org.genegate.policy;

/**
 * What every gate's section of the policy has. Each gate has its own settings record next to the gate class, so
 * that its parameters are typed and a missing one is caught when the policy loads, not when a hook fires.
 */
public interface GateSettings {

    boolean enabled();

    Severities severities();

    /** Where the rule comes from, shown on every card the gate raises. */
    String source();
}
