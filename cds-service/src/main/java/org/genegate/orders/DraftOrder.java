package org.genegate.orders;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.genegate.clinical.FhirDates;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * An order of a gated product being selected or signed, or (for the readiness checklist) the absence of one.
 *
 * @param request      the draft MedicationRequest recognised as the product's; for no proposed order, an empty
 *                     MedicationRequest that only names the patient
 * @param recognition  how it was recognised (which code or text), so the coding gate can judge it; null when
 *                     there is no proposed order
 * @param otherOrders  the other draft orders of the same hook call (e.g. a ServiceRequest for the infusion)
 * @param orderDate    the date gates measure recency and age against (authoredOn, else today)
 * @param proposed     false when the patient is checked without an order: gates that judge the order itself
 *                     (dose, billing codes) then say what they need instead of judging an empty one
 * @param userId       the hook's signing user ({@code context.userId}), who prescribes an order without a
 *                     requester; null when not known
 */
public record DraftOrder(MedicationRequest request, ProductRecognition recognition, List<Resource> otherOrders,
                         LocalDate orderDate, boolean proposed, String userId) {

    public DraftOrder {
        otherOrders = List.copyOf(otherOrders);
    }

    public DraftOrder(MedicationRequest request, ProductRecognition recognition, List<Resource> otherOrders,
                      LocalDate orderDate, boolean proposed) {
        this(request, recognition, otherOrders, orderDate, proposed, null);
    }

    /** A proposed order. */
    public DraftOrder(MedicationRequest request, ProductRecognition recognition, List<Resource> otherOrders,
                      LocalDate orderDate) {
        this(request, recognition, otherOrders, orderDate, true);
    }

    /** The same order signed by {@code userId}. */
    public DraftOrder signedBy(String userId) {
        return new DraftOrder(request, recognition, otherOrders, orderDate, proposed, userId);
    }

    /** Who prescribes it: the requester, else the signing user, else the performer. */
    public Optional<Prescriber> prescriber() {
        return proposed ? Prescriber.of(request, userId) : Optional.empty();
    }

    /** A draft order dated as the gate spec says: its authoredOn, else today. */
    public static DraftOrder of(MedicationRequest request, ProductRecognition recognition, List<Resource> otherOrders,
                                LocalDate today) {
        return new DraftOrder(request, recognition, otherOrders, FhirDates.orderDate(request, today));
    }

    /** No order yet: the patient's readiness is judged as of {@code today}. */
    public static DraftOrder none(String patientId, LocalDate today) {
        MedicationRequest placeholder = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.DRAFT)
                .setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL)
                .setSubject(new Reference("Patient/" + patientId));
        return new DraftOrder(placeholder, null, List.of(), today, false);
    }
}
