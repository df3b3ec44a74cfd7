package org.genegate.gates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.genegate.policy.GateSettings;
import org.genegate.policy.PolicyNode;
import org.genegate.policy.Severities;

/**
 * Settings of the {@code order-notes} gate: information for the team giving the infusion, each note with its
 * source. The kit size for the dose is computed from the weight-and-dose settings.
 *
 * @param packaging how the product's vials are packed, after the computed vial count (e.g. kits of 10 to 48 vials)
 * @param notes     the notes in the order they are shown
 */
public record OrderNotesSettings(boolean enabled, Severities severities, String source, String packaging,
                                 List<Note> notes)
        implements GateSettings {

    public static final String ID = "order-notes";

    /** One note and where it comes from. */
    public record Note(String text, String source) {
    }

    public OrderNotesSettings {
        notes = List.copyOf(notes);
    }

    /** Reads the {@code order-notes} section of the policy. */
    public static OrderNotesSettings read(PolicyNode g) {
        g.allowGateKeys("packaging", "notes");
        List<Note> notes = new ArrayList<>();
        for (PolicyNode note : g.objectList("notes", false)) {
            note.allowOnly(new LinkedHashSet<>(List.of("text", "source")));
            notes.add(new Note(note.text("text"), note.text("source")));
        }
        return new OrderNotesSettings(g.bool("enabled"), g.severities(), g.text("source"), g.text("packaging"),
                notes);
    }
}
