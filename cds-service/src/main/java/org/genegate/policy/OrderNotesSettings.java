package org.genegate.policy;

import java.util.List;

/**
 * Settings of the {@code order-notes} gate: information for the team giving the infusion, each note with its
 * source. The kit size for the dose is computed from the weight-and-dose settings.
 *
 * @param notes the notes in the order they are shown
 */
public record OrderNotesSettings(boolean enabled, Severities severities, String source, List<Note> notes)
        implements GateSettings {

    public static final String ID = "order-notes";

    /** One note and where it comes from. */
    public record Note(String text, String source) {
    }

    public OrderNotesSettings {
        notes = List.copyOf(notes);
    }

    @Override
    public String gateId() {
        return ID;
    }
}
