package org.genegate.server.monitoring;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.assessment.AssessmentService;
import org.genegate.assessment.ProductAssessor;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.LiverCancerRisk;
import org.genegate.fetch.FhirQueryException;
import org.genegate.monitoring.MonitoringPlanBuilder;
import org.genegate.monitoring.MonitoringPlans;
import org.genegate.policy.ProductSettings;
import org.genegate.server.fetch.LocalFhirQuery;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Files the post-infusion monitoring CarePlan when a completed MedicationAdministration of a gated product is stored
 * (created, or updated to completed), recognised the way the hook recognises orders; the plan is that product's.
 *
 * <p>It runs just before the administration's transaction commits (STORAGE_PRECOMMIT), and the plan is
 * written in that same transaction: the administration and its plan are stored together or not at all, and
 * a transaction bundle that carries both a Patient and its administration sees the Patient. The plan's
 * identifier is the patient's (one Hemgenix dose per lifetime) and it is created conditionally on that
 * identifier, so recording the administration twice or updating it files no second plan; an update that
 * moves the administration to another day re-dates the plan.
 */
@Component
@Interceptor
public class MonitoringPlanInterceptor {

    private static final Logger log = LoggerFactory.getLogger(MonitoringPlanInterceptor.class);

    private final DaoRegistry daoRegistry;
    private final List<ProductAssessor> products;
    private final MonitoringPlans plans;
    private final LocalFhirQuery localStore;

    public MonitoringPlanInterceptor(DaoRegistry daoRegistry, AssessmentService assessments, MonitoringPlans plans,
                                     LocalFhirQuery localStore) {
        this.daoRegistry = daoRegistry;
        this.products = assessments.products();
        this.plans = plans;
        this.localStore = localStore;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        file(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        file(current);
    }

    private void file(IBaseResource resource) {
        if (!(resource instanceof MedicationAdministration administration)
                || administration.getStatus() != MedicationAdministration.MedicationAdministrationStatus.COMPLETED) {
            return;
        }
        Optional<ProductSettings> product = productOf(administration);
        if (product.isEmpty()) {
            return;
        }
        MonitoringPlanBuilder planBuilder = plans.of(product.get());
        LiverCancerRisk liverCancerRisk = new LiverCancerRisk(planBuilder.settings());
        Optional<String> patientId = patientId(administration);
        Optional<LocalDate> day = FhirDates.earliestDay(administration.hasEffectivePeriod()
                ? administration.getEffectivePeriod().getStartElement() : administration.getEffectiveDateTimeType());
        if (patientId.isEmpty() || day.isEmpty()) {
            log.warn("{} administration {} names no patient or no date: no monitoring plan filed",
                    product.get().name(), administration.getIdElement().getIdPart());
            return;
        }
        Reference subject = new Reference("Patient/" + patientId.get());
        List<String> riskFactors = riskFactors(liverCancerRisk, patientId.get(), day.get());
        CarePlan plan = planBuilder.afterAdministration(subject,
                new Reference("MedicationAdministration/" + administration.getIdElement().getIdPart()), day.get(),
                !riskFactors.isEmpty());

        @SuppressWarnings("unchecked")
        IFhirResourceDao<CarePlan> plans = daoRegistry.getResourceDao(CarePlan.class);
        String identifierValue = MonitoringPlanBuilder.identifier(subject).getValue();
        IBundleProvider existing = plans.search(SearchParameterMap.newSynchronous("identifier",
                new TokenParam(GeneGateTerminology.MONITORING_PLAN_IDENTIFIER, identifierValue)),
                new SystemRequestDetails());
        List<IBaseResource> found = existing.getAllResources();
        if (found.isEmpty()) {
            plans.create(plan, "CarePlan?identifier=" + GeneGateTerminology.MONITORING_PLAN_IDENTIFIER + "|"
                    + identifierValue, new SystemRequestDetails());
            log.info("Filed the {} monitoring plan for Patient/{} (administered {}{})", product.get().name(),
                    patientId.get(),
                    day.get(), riskFactors.isEmpty() ? "" : "; liver-cancer risk: " + riskFactors);
            return;
        }
        CarePlan current = (CarePlan) found.get(0);
        Optional<LocalDate> start = FhirDates.earliestDay(current.getPeriod().getStartElement());
        if (start.isEmpty() || !start.get().equals(day.get())) {
            plan.setId(current.getIdElement().toUnqualifiedVersionless());
            plans.update(plan, new SystemRequestDetails());
            log.warn("Re-dated the {} monitoring plan {} of Patient/{} from {} to {}", product.get().name(),
                    current.getIdElement().getIdPart(), patientId.get(), start.orElse(null), day.get());
        }
    }

    /** The gated product the administration gave, the first that recognises it. */
    private Optional<ProductSettings> productOf(MedicationAdministration administration) {
        List<Resource> candidates = new ArrayList<>(administration.getContained());
        if (administration.getMedication() instanceof Reference reference && reference.hasReference()
                && reference.getReference().startsWith("Medication/")) {
            try {
                candidates.add((Medication) daoRegistry.getResourceDao(Medication.class)
                        .read(new IdType(reference.getReference()), new SystemRequestDetails()));
            } catch (BaseServerResponseException e) {
                // An unresolvable Medication leaves the reference's display to recognise it by.
            }
        }
        return products.stream().filter(p -> p.recognizer().recognizeMedication(administration.getMedication(),
                administration, candidates).isPresent()).map(ProductAssessor::product).findFirst();
    }

    private static Optional<String> patientId(MedicationAdministration administration) {
        IdType subject = new IdType(administration.getSubject().getReference());
        return "Patient".equals(subject.getResourceType()) && subject.hasIdPart()
                ? Optional.of(subject.getIdPart()) : Optional.empty();
    }

    private List<String> riskFactors(LiverCancerRisk liverCancerRisk, String patientId, LocalDate administered) {
        try {
            List<Condition> conditions = localStore.run("Condition?patient=" + patientId).stream()
                    .filter(Condition.class::isInstance).map(Condition.class::cast).toList();
            List<Observation> serology = localStore.run("Observation?patient=" + patientId + "&code="
                    + GeneGateTerminology.LOINC + "|" + GeneGateTerminology.LOINC_HBSAG + ","
                    + GeneGateTerminology.LOINC + "|" + GeneGateTerminology.LOINC_HCV_AB).stream()
                    .filter(Observation.class::isInstance).map(Observation.class::cast).toList();
            // Liver imaging: fibrosis or cirrhosis found at baseline is a risk factor.
            List<DiagnosticReport> imaging = localStore.run("DiagnosticReport?patient=" + patientId).stream()
                    .filter(DiagnosticReport.class::isInstance).map(DiagnosticReport.class::cast).toList();
            Optional<LocalDate> birthDate = localStore.run("Patient?_id=" + patientId).stream()
                    .filter(Patient.class::isInstance).map(Patient.class::cast).findFirst()
                    .flatMap(p -> FhirDates.earliestDay(p.getBirthDateElement()));
            return liverCancerRisk.factors(conditions, serology, imaging, birthDate, administered);
        } catch (FhirQueryException e) {
            // The plan is still filed; without the risk factors it lacks only the yearly imaging, which is logged.
            log.warn("Could not read liver-cancer risk factors of Patient/{} ({}); the plan has no yearly surveillance",
                    patientId, e.getMessage());
            return List.of();
        }
    }
}
