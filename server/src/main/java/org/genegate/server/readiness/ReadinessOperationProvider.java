package org.genegate.server.readiness;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.genegate.assessment.OrderAssessment;
import org.genegate.assessment.OrderAssessments;
import org.genegate.gates.Assessment;
import org.genegate.policy.ProductSettings;
import org.genegate.readiness.ReadinessReport;
import org.genegate.server.assessment.StoreAssessments;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/{id}/$j1411-readiness}: the whole J1411 checklist for one patient, as the gate engine gives it
 * to the order-sign hook, for SMART apps and billing staff. GET checks the patient without an order (dose and
 * coding then say what they need); POST a Parameters with the proposed Hemgenix MedicationRequest (and, if
 * wanted, the infusion ServiceRequest) as {@code order} parameters to check those too.
 *
 * <p>The orders are recognised and judged by the same assessment as the hooks', on the record read from this
 * server's store as for a hook that names no fhirServer. An unknown patient is a 404 OperationOutcome (410 when deleted).
 */
@Component
public class ReadinessOperationProvider {

    public static final String OPERATION = "$j1411-readiness";

    private final DaoRegistry daoRegistry;
    private final StoreAssessments assessments;
    private final ReadinessReport report;

    public ReadinessOperationProvider(DaoRegistry daoRegistry, StoreAssessments assessments, ReadinessReport report) {
        this.daoRegistry = daoRegistry;
        this.assessments = assessments;
        this.report = report;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters readiness(@IdParam IdType patientId,
                                @OperationParam(name = "order", min = 0, max = OperationParam.MAX_UNLIMITED)
                                List<IBaseResource> orders,
                                @OperationParam(name = "product", min = 0, max = 1) CodeType product,
                                RequestDetails requestDetails) {
        // Throws ResourceNotFoundException (404) or ResourceGoneException (410) with HAPI's OperationOutcome.
        daoRegistry.getResourceDao(Patient.class).read(patientId.toUnqualifiedVersionless(), requestDetails);
        String id = patientId.getIdPart();
        // With an order the order picks the product; without one the 'product' parameter does, else the default.
        Assessment assessment = orders == null || orders.isEmpty()
                ? assessments.assessWithoutOrder(id, null, null, product == null ? null : product.getValue())
                .assessment()
                : assessOrder(id, orders.stream().map(Resource.class::cast).toList());
        return report.toParameters(assessment, id);
    }

    /** The first order of a gated product among those given; 422 when there is none or it is another patient's. */
    private Assessment assessOrder(String patientId, List<Resource> given) {
        OrderAssessments result = assessments.assessOrders(patientId, given);
        if (result.assessed().isEmpty()) {
            throw new UnprocessableEntityException("Parameter 'order' holds no " + String.join(" or ",
                    assessments.products().stream().map(ReadinessOperationProvider::describe).toList()));
        }
        OrderAssessment first = result.assessed().get(0);
        checkSubject(first.order().request(), patientId);
        return first.assessment();
    }

    /** "Hemgenix MedicationRequest (HCPCS J1411, a Hemgenix NDC or RxNorm code, or text naming ...)". */
    private static String describe(ProductSettings product) {
        return product.name() + " MedicationRequest (HCPCS " + product.billingCode() + ", a " + product.name()
                + " NDC or RxNorm code, or text naming " + String.join(" or ", product.names()) + ")";
    }

    private static void checkSubject(MedicationRequest request, String patientId) {
        if (!request.hasSubject() || !request.getSubject().hasReference()) {
            return;
        }
        String reference = request.getSubject().getReference();
        if (!reference.equals("Patient/" + patientId) && !reference.endsWith("/Patient/" + patientId)) {
            throw new UnprocessableEntityException("The order is for " + reference + ", not Patient/" + patientId);
        }
    }
}
