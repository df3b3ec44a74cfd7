package org.genegate.server.coordinator;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.genegate.monitoring.MonitoringAlert;
import org.genegate.monitoring.MonitoringReview;
import org.genegate.monitoring.ScheduleEntry;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Patient/{id}/$monitoring-status}: where the patient stands after Hemgenix, for the coordinator's page. The
 * same review as the patient-view hook (alerts) plus every date of the schedule up to today and the next one, each
 * done, due or overdue. Before an infusion it says only {@code phase = pre-infusion}: the checklist is
 * {@code $j1411-readiness}.
 *
 * <pre>
 * phase          valueCode       pre-infusion | post-infusion
 * asOf           valueDate       the day the schedule is judged on (today)
 * administered   valueDate       the infusion day (post-infusion only, like everything below)
 * administration valueReference  the Hemgenix MedicationAdministration
 * week           valueInteger    whole weeks since the infusion
 * alert (0..*)   kind valueCode, severity valueCode, summary valueString, detail valueString (markdown)
 * scheduleItem (0..*) kind valueCode (weekly|follow-up|liver-surveillance), label valueString, due valueDate,
 *                lastDay valueDate, status valueCode (done|due|overdue), missing valueString (0..*)
 * liverCancerRiskFactor (0..*) valueString
 * </pre>
 */
@Component
public class MonitoringStatusOperationProvider {

    public static final String OPERATION = "$monitoring-status";

    private final DaoRegistry daoRegistry;
    private final PatientStatusService statuses;

    public MonitoringStatusOperationProvider(DaoRegistry daoRegistry, PatientStatusService statuses) {
        this.daoRegistry = daoRegistry;
        this.statuses = statuses;
    }

    @Operation(name = OPERATION, type = Patient.class, idempotent = true)
    public Parameters monitoringStatus(@IdParam IdType patientId, RequestDetails requestDetails) {
        // Throws ResourceNotFoundException (404) or ResourceGoneException (410) with HAPI's OperationOutcome.
        Patient patient = daoRegistry.getResourceDao(Patient.class).read(patientId.toUnqualifiedVersionless(),
                requestDetails);
        PatientStatus status = statuses.status(patient);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("phase").setValue(new CodeType(status.phase()));
        if (status.review().isEmpty()) {
            return parameters;
        }
        MonitoringReview review = status.review().get();
        parameters.addParameter().setName("asOf").setValue(new DateType(review.asOf().toString()));
        parameters.addParameter().setName("administered").setValue(new DateType(review.administered().toString()));
        parameters.addParameter().setName("administration").setValue(new Reference(review.administration()));
        parameters.addParameter().setName("week").setValue(
                new IntegerType(status.weeksSinceInfusion()));
        for (MonitoringAlert alert : review.alerts()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("alert");
            part.addPart().setName("kind").setValue(new CodeType(alert.kind().code()));
            part.addPart().setName("severity").setValue(new CodeType(alert.severity().name().toLowerCase()));
            part.addPart().setName("summary").setValue(new StringType(alert.summary()));
            part.addPart().setName("detail").setValue(new StringType(alert.detail()));
        }
        for (ScheduleEntry entry : status.schedule()) {
            Parameters.ParametersParameterComponent part = parameters.addParameter().setName("scheduleItem");
            part.addPart().setName("kind").setValue(new CodeType(entry.kind()));
            part.addPart().setName("label").setValue(new StringType(entry.label()));
            part.addPart().setName("due").setValue(new DateType(entry.due().toString()));
            part.addPart().setName("lastDay").setValue(new DateType(entry.lastDay().toString()));
            part.addPart().setName("status").setValue(new CodeType(entry.status().code()));
            entry.missing().forEach(m -> part.addPart().setName("missing").setValue(new StringType(m)));
        }
        review.liverCancerRiskFactors().forEach(f ->
                parameters.addParameter().setName("liverCancerRiskFactor").setValue(new StringType(f)));
        return parameters;
    }
}
