package org.genegate.server.readiness;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.fetch.RecordAssembler;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateEngine;
import org.genegate.hooks.HookContext;
import org.genegate.orders.DraftOrder;
import org.genegate.orders.HemgenixOrderRecognizer;
import org.genegate.orders.HemgenixRecognition;
import org.genegate.readiness.ReadinessReport;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.server.record.LocalFhirQuery;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
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
 * <p>The record is read from this server's store through the same record assembler and queries as a hook
 * that names no fhirServer. An unknown patient is a 404 OperationOutcome (410 when deleted).
 */
@Component
public class ReadinessOperationProvider {

    public static final String OPERATION = "$j1411-readiness";

    private final DaoRegistry daoRegistry;
    private final RecordAssembler assembler;
    private final LocalFhirQuery localStore;
    private final HemgenixOrderRecognizer recognizer;
    private final GateEngine engine;
    private final ReadinessReport report;

    public ReadinessOperationProvider(DaoRegistry daoRegistry, RecordAssembler assembler, LocalFhirQuery localStore,
                                      HemgenixOrderRecognizer recognizer, GateEngine engine, ReadinessReport report) {
        this.daoRegistry = daoRegistry;
        this.assembler = assembler;
        this.localStore = localStore;
        this.recognizer = recognizer;
        this.engine = engine;
        this.report = report;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters readiness(@IdParam IdType patientId,
                                @OperationParam(name = "order", min = 0, max = OperationParam.MAX_UNLIMITED)
                                List<IBaseResource> orders,
                                RequestDetails requestDetails) {
        // Throws ResourceNotFoundException (404) or ResourceGoneException (410) with HAPI's OperationOutcome.
        daoRegistry.getResourceDao(Patient.class).read(patientId.toUnqualifiedVersionless(), requestDetails);
        String id = patientId.getIdPart();
        DraftOrder order = order(id, orders == null ? List.of() : orders);
        PatientRecord record = assembler.assemble(new HookContext(null, id, null, new Bundle(), List.of()), Map.of(),
                order.proposed() ? order.request() : null, localStore, EnumSet.allOf(RecordPart.class));
        Assessment assessment = engine.assess(record, order);
        return report.toParameters(assessment, id);
    }

    private DraftOrder order(String patientId, List<IBaseResource> given) {
        LocalDate today = LocalDate.now();
        if (given.isEmpty()) {
            return DraftOrder.none(patientId, today);
        }
        List<Resource> resources = new ArrayList<>();
        for (IBaseResource resource : given) {
            resources.add((Resource) resource);
        }
        for (Resource resource : resources) {
            if (resource instanceof MedicationRequest request) {
                Optional<HemgenixRecognition> recognition = recognizer.recognize(request, resources);
                if (recognition.isPresent()) {
                    checkSubject(request, patientId);
                    List<Resource> others = resources.stream().filter(r -> r != resource).toList();
                    return DraftOrder.of(request, recognition.get(), others, today);
                }
            }
        }
        throw new UnprocessableEntityException("Parameter 'order' holds no Hemgenix MedicationRequest (HCPCS J1411, "
                + "a Hemgenix NDC or RxNorm code, or text naming Hemgenix or etranacogene)");
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
