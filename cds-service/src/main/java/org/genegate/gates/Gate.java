package org.genegate.gates;

import java.util.Set;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateSettings;
import org.genegate.record.RecordPart;

/**
 * One check of a product's policy. A gate is stateless apart from what its constructor is given, reads only the
 * record parts it declares, and never decides "could not verify" itself: the {@link GateEngine}
 * does that centrally from {@link #reads()} and the record's unavailable parts. What a gate is
 * called, which card it joins and how its settings are read is its {@link GateDefinition}.
 *
 * @param <S> the gate's section of the policy
 */
public interface Gate<S extends GateSettings> {

    /** The record parts the gate reads; if one is unavailable, only a FAIL can stand. */
    Set<RecordPart> reads();

    GateFinding evaluate(GateInput<S> in);
}
