package org.genegate.gates;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Hemgenix order being selected or signed.
 *
 * @param request      the draft MedicationRequest recognised as Hemgenix
 * @param recognition  how it was recognised (which code or text), so the coding gate can judge it
 * @param otherOrders  the other draft orders of the same hook call (e.g. a ServiceRequest for the infusion)
 * @param orderDate    the date gates measure recency and age against (authoredOn, else today)
 */
public record DraftOrder(MedicationRequest request, HemgenixRecognition recognition, List<Resource> otherOrders,
                         LocalDate orderDate) {

    public DraftOrder {
        otherOrders = List.copyOf(otherOrders);
    }

    /** A draft order dated as the gate spec says: its authoredOn, else today. */
    public static DraftOrder of(MedicationRequest request, HemgenixRecognition recognition, List<Resource> otherOrders,
                                LocalDate today) {
        return new DraftOrder(request, recognition, otherOrders, FhirDates.orderDate(request, today));
    }
}
