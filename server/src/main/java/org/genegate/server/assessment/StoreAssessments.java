package org.genegate.server.assessment;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.genegate.assessment.AssessmentRequest;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.ProductAssessor;
import org.genegate.assessment.OrderAssessments;
import org.genegate.assessment.PatientAssessment;
import org.genegate.assessment.SentOrders;
import org.genegate.assessment.StandingAssessment;
import org.genegate.fetch.InvalidRequestDataException;
import org.genegate.fetch.RecordIncompleteException;
import org.genegate.fetch.RecordRequest;
import org.genegate.policy.ProductSettings;
import org.genegate.server.fetch.CachedStoreQuery;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The assessment use case for the FHIR operations: the record is read from this server's store (as for a hook that
 * names no fhirServer), and the use case's refusals become HAPI's 422 / 412 with an OperationOutcome.
 */
@Component
public class StoreAssessments {

    private final AssessmentService assessments;
    private final CachedStoreQuery store;

    public StoreAssessments(AssessmentService assessments, CachedStoreQuery store) {
        this.assessments = assessments;
        this.store = store;
    }

    /** Today, by the service's clock. */
    public LocalDate today() {
        return assessments.today();
    }

    /** The gated products, the default first. */
    public List<ProductSettings> products() {
        return assessments.products().stream().map(ProductAssessor::product).toList();
    }

    /** The orders of every gated product among {@code orders}, judged on the patient's stored record. */
    public OrderAssessments assessOrders(String patientId, List<? extends Resource> orders) {
        return refusedAsHapi(() -> assessments.assessOrders(AssessmentRequest.allOrders(
                RecordRequest.fromStore(patientId, null, store), SentOrders.exact(orders))));
    }

    /**
     * The patient's readiness for one product without an order.
     *
     * @param encounterId the encounter whose location the site-of-care gate reads, or null
     * @param asOf        the day to judge on; null for today
     * @param billingCode the product (e.g. J1412); null for the default product; an unknown code is a 422
     */
    public PatientAssessment assessWithoutOrder(String patientId, String encounterId, LocalDate asOf,
                                                String billingCode) {
        return refusedAsHapi(() -> assessments.assessWithoutOrder(RecordRequest.fromStore(patientId, encounterId,
                store), asOf, billingCode));
    }

    /** Where the patient stands today: the gates without an order and, after an infusion, the follow-up. */
    public StandingAssessment assessStanding(String patientId) {
        return refusedAsHapi(() -> assessments.assessStanding(RecordRequest.fromStore(patientId, null, store)));
    }

    private static <T> T refusedAsHapi(Supplier<T> assessment) {
        try {
            return assessment.get();
        } catch (InvalidRequestDataException e) {
            throw new UnprocessableEntityException(e.getMessage());
        } catch (RecordIncompleteException e) {
            throw new PreconditionFailedException(e.getMessage());
        }
    }
}
