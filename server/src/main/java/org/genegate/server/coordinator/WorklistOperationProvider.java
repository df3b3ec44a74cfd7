package org.genegate.server.coordinator;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genegate.assessment.AssessmentService;
import org.genegate.orders.ProductRecognizer;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/$hemgenix-worklist}: one row per patient with a Hemgenix order, a Hemgenix administration or a
 * gene-therapy monitoring plan, for the coordinator's worklist in one request (the page would otherwise ask for
 * each patient's checklist and review). Each row is what {@code $j1411-readiness} and {@code $monitoring-status}
 * say of the patient:
 *
 * <pre>
 * row (0..*)
 *   patient valueReference, name valueString, birthDate valueDate, gender valueCode
 *   phase valueCode            pre-infusion | post-infusion
 *   readiness valueCode        ready | incomplete | not-ready (pre-infusion), of the record: the dose and coding
 *                              gates, which wait for an order to check, are left out while none is proposed
 *   week valueInteger          whole weeks since the infusion (post-infusion)
 *   next valueString, nextDue valueDate    the first overdue, else the next due, schedule date (post-infusion)
 *   overdue valueInteger       schedule dates past their window with results missing
 *   critical valueInteger, warning valueInteger   open findings: failing gates before, alerts after the infusion
 *   finding valueString (0..*) "severity: summary" of each open critical or warning finding
 *   alert valueCode (0..*)     the kinds of the post-infusion alerts (alt, overdue, inhibitor, ...)
 *   payer valueString, paNeeded valueCode, covered valueCode   from the active coverage, when one is on record
 * </pre>
 *
 * The searches run as the system; the authorization interceptor lets only user- and system-level tokens call it.
 */
@Component
public class WorklistOperationProvider {

    public static final String OPERATION = "$hemgenix-worklist";

    private static final Logger log = LoggerFactory.getLogger(WorklistOperationProvider.class);
    private static final int ROW_THREADS = 4;

    private final DaoRegistry daoRegistry;
    private final ProductRecognizer recognizer;
    private final PatientStatusService statuses;
    private final ExecutorService rowPool;

    /** The worklist is the default product's (Hemgenix): its orders and doses name the patients on it. */
    public WorklistOperationProvider(DaoRegistry daoRegistry, AssessmentService assessments,
                                     PatientStatusService statuses) {
        this.daoRegistry = daoRegistry;
        this.recognizer = assessments.products().get(0).recognizer();
        this.statuses = statuses;
        this.rowPool = Executors.newFixedThreadPool(ROW_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "worklist-row");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters worklist() {
        long started = System.nanoTime();
        // Each row reads one record; a few at a time, as the record reads wait on the database more than compute.
        List<CompletableFuture<Optional<Parameters.ParametersParameterComponent>>> rows = hemgenixPatients().stream()
                .map(id -> CompletableFuture.supplyAsync(() -> rowOf(id), rowPool)).toList();
        Parameters parameters = new Parameters();
        for (CompletableFuture<Optional<Parameters.ParametersParameterComponent>> row : rows) {
            row.join().ifPresent(parameters::addParameter);
        }
        log.info("worklist: {} rows in {} ms", parameters.getParameter().size(),
                (System.nanoTime() - started) / 1_000_000);
        return parameters;
    }

    /** The patient's row; empty for an order or dose whose Patient is not (or no longer) here. */
    private Optional<Parameters.ParametersParameterComponent> rowOf(String patientId) {
        try {
            Patient patient = daoRegistry.getResourceDao(Patient.class).read(new IdType("Patient", patientId),
                    new SystemRequestDetails());
            return Optional.of(WorklistRow.of(statuses.status(patient)));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        rowPool.shutdownNow();
    }

    /** Ids of the patients with a Hemgenix order or administration or a monitoring plan, sorted. */
    private Set<String> hemgenixPatients() {
        Set<String> ids = new TreeSet<>();
        for (IBaseResource resource : search("MedicationRequest", SearchParameterMap.newSynchronous())) {
            MedicationRequest request = (MedicationRequest) resource;
            if (recognizer.recognize(request, List.of(request)).isPresent()) {
                ids.add(patientOf(request.getSubject()));
            }
        }
        for (IBaseResource resource : search("MedicationAdministration", SearchParameterMap.newSynchronous())) {
            MedicationAdministration administration = (MedicationAdministration) resource;
            if (recognizer.recognizeMedication(administration.getMedication(), administration,
                    List.of(administration)).isPresent()) {
                ids.add(patientOf(administration.getSubject()));
            }
        }
        SearchParameterMap plans = SearchParameterMap.newSynchronous().add(CarePlan.SP_CATEGORY,
                new TokenParam(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.GENE_THERAPY_MONITORING));
        for (IBaseResource resource : search("CarePlan", plans)) {
            ids.add(patientOf(((CarePlan) resource).getSubject()));
        }
        ids.remove("");
        return ids;
    }

    private List<IBaseResource> search(String type, SearchParameterMap map) {
        return daoRegistry.getResourceDao(type).searchForResources(map, new SystemRequestDetails());
    }

    private static String patientOf(Reference subject) {
        IdType id = new IdType(subject.getReference() == null ? "" : subject.getReference());
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? id.getIdPart() : "";
    }
}
