package org.genegate.server.coordinator;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.annotation.PreDestroy;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.genegate.gates.Assessment;
import org.genegate.gates.GateFinding;
import org.genegate.gates.GateStatus;
import org.genegate.gates.HemgenixOrderRecognizer;
import org.genegate.gates.Severity;
import org.genegate.monitoring.MonitoringAlert;
import org.genegate.monitoring.ScheduleEntry;
import org.genegate.policy.CodingSettings;
import org.genegate.policy.WeightAndDoseSettings;
import org.genegate.readiness.ReadinessReport;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
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
    /** Gates that check the proposed order itself. */
    private static final Set<String> ORDER_GATES = Set.of(WeightAndDoseSettings.ID, CodingSettings.ID);

    private final DaoRegistry daoRegistry;
    private final HemgenixOrderRecognizer recognizer;
    private final PatientStatusService statuses;
    private final ExecutorService rowPool;

    public WorklistOperationProvider(DaoRegistry daoRegistry, HemgenixOrderRecognizer recognizer,
                                     PatientStatusService statuses) {
        this.daoRegistry = daoRegistry;
        this.recognizer = recognizer;
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
            return Optional.of(row(statuses.status(patient)));
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

    private static Parameters.ParametersParameterComponent row(PatientStatus status) {
        Parameters.ParametersParameterComponent row = new Parameters.ParametersParameterComponent().setName("row");
        Patient patient = status.patient();
        row.addPart().setName("patient").setValue(new Reference("Patient/" + patient.getIdElement().getIdPart()));
        row.addPart().setName("name").setValue(new StringType(patient.getNameFirstRep().getNameAsSingleString()));
        if (patient.hasBirthDate()) {
            row.addPart().setName("birthDate").setValue(new DateType(patient.getBirthDateElement().getValueAsString()));
        }
        if (patient.hasGender()) {
            row.addPart().setName("gender").setValue(new CodeType(patient.getGender().toCode()));
        }
        row.addPart().setName("phase").setValue(new CodeType(status.phase()));
        int critical = 0;
        int warning = 0;
        if (status.review().isEmpty()) {
            Assessment record = recordOnly(status.assessment());
            row.addPart().setName("readiness").setValue(new CodeType(ReadinessReport.readiness(record)));
            for (GateFinding finding : record.findings()) {
                if (!finding.passed() && (finding.severity() == Severity.CRITICAL
                        || finding.severity() == Severity.WARNING)) {
                    critical += finding.severity() == Severity.CRITICAL ? 1 : 0;
                    warning += finding.severity() == Severity.WARNING ? 1 : 0;
                    row.addPart().setName("finding").setValue(new StringType(
                            finding.severity().name().toLowerCase() + ": " + finding.message()));
                }
            }
        } else {
            row.addPart().setName("week").setValue(new IntegerType((int) ChronoUnit.WEEKS.between(
                    status.review().get().administered(), status.review().get().asOf())));
            nextItem(status).ifPresent(entry -> {
                row.addPart().setName("next").setValue(new StringType(entry.label() + " (" + entry.status().code()
                        + "): " + String.join(", ", entry.missing())));
                row.addPart().setName("nextDue").setValue(new DateType(entry.due().toString()));
            });
            row.addPart().setName("overdue").setValue(new IntegerType((int) status.schedule().stream()
                    .filter(e -> e.status() == ScheduleEntry.Status.OVERDUE).count()));
            for (MonitoringAlert alert : status.review().get().alerts()) {
                row.addPart().setName("alert").setValue(new CodeType(alert.kind().code()));
                if (alert.severity() == Severity.CRITICAL || alert.severity() == Severity.WARNING) {
                    critical += alert.severity() == Severity.CRITICAL ? 1 : 0;
                    warning += alert.severity() == Severity.WARNING ? 1 : 0;
                    row.addPart().setName("finding").setValue(new StringType(
                            alert.severity().name().toLowerCase() + ": " + alert.summary()));
                }
            }
        }
        row.addPart().setName("critical").setValue(new IntegerType(critical));
        row.addPart().setName("warning").setValue(new IntegerType(warning));
        status.assessment().coverageDetermination().ifPresent(coverage -> {
            row.addPart().setName("payer").setValue(new StringType(coverage.payerName()));
            row.addPart().setName("paNeeded").setValue(new CodeType(coverage.paNeeded()));
            row.addPart().setName("covered").setValue(new CodeType(coverage.covered()));
        });
        return row;
    }

    /**
     * The assessment without the gates that only wait for an order to check (dose and billing codes say "missing"
     * when none is proposed): the worklist judges the patient's record, and every patient on it is still to be
     * ordered for, so those would make no one ready.
     */
    private static Assessment recordOnly(Assessment assessment) {
        if (assessment.order().proposed()) {
            return assessment;
        }
        List<GateFinding> findings = assessment.findings().stream()
                .filter(f -> !(ORDER_GATES.contains(f.gateId()) && f.status() == GateStatus.MISSING)).toList();
        return new Assessment(assessment.order(), findings, assessment.coverageDetermination().orElse(null),
                assessment.policyVersion());
    }

    /** The first overdue schedule date, else the first one not yet done. */
    private static Optional<ScheduleEntry> nextItem(PatientStatus status) {
        return status.schedule().stream().filter(e -> e.status() == ScheduleEntry.Status.OVERDUE).findFirst()
                .or(() -> status.schedule().stream().filter(e -> e.status() == ScheduleEntry.Status.DUE).findFirst());
    }
}
