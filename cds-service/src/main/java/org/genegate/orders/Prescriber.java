package org.genegate.orders;

import java.util.Optional;
import org.genegate.clinical.References;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;

/**
 * Who prescribes a draft order, for the prescriber gate and the record fetch of their PractitionerRole: the
 * order's requester; without one (EHRs often leave it to be filled at signing), the signing user of the hook
 * ({@code context.userId}); else the order's performer. Only Practitioner and PractitionerRole references
 * count: a requester given by display alone, or an Organization, names no one whose specialty can be read.
 *
 * @param type "Practitioner" or "PractitionerRole"
 * @param id   the referenced id
 * @param who  how to name them in a message: the requester as the order names it, a stand-in with its part
 *             ("the signing user Practitioner/123")
 */
public record Prescriber(String type, String id, String who) {

    static final String PRACTITIONER = "Practitioner";
    static final String PRACTITIONER_ROLE = "PractitionerRole";

    /**
     * @param order  the draft order (null when there is none)
     * @param userId the hook's {@code context.userId} ("Practitioner/123"), or null
     */
    public static Optional<Prescriber> of(MedicationRequest order, String userId) {
        if (order != null && order.hasRequester()) {
            Optional<Prescriber> requester = of(order.getRequester(), null);
            if (requester.isPresent()) {
                return requester;
            }
        }
        if (userId != null) {
            Optional<Prescriber> user = of(new Reference(userId), "the signing user");
            if (user.isPresent()) {
                return user;
            }
        }
        if (order != null && order.hasPerformer()) {
            return of(order.getPerformer(), "the performer");
        }
        return Optional.empty();
    }

    private static Optional<Prescriber> of(Reference reference, String role) {
        Optional<String> type = References.type(reference).filter(t -> PRACTITIONER.equals(t)
                || PRACTITIONER_ROLE.equals(t));
        Optional<String> id = References.idPart(reference);
        if (type.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        String shown = reference.hasDisplay() ? reference.getDisplay() : type.get() + "/" + id.get();
        return Optional.of(new Prescriber(type.get(), id.get(), role == null ? shown : role + " " + shown));
    }

    public boolean isRole() {
        return PRACTITIONER_ROLE.equals(type);
    }
}
