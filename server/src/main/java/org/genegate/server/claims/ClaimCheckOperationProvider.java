package org.genegate.server.claims;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.genegate.assessment.PatientAssessment;
import org.genegate.claims.ClaimCheck;
import org.genegate.claims.ClaimIssue;
import org.genegate.claims.ClaimOutcome;
import org.genegate.claims.ClaimRecordCheck;
import org.genegate.clinical.BodyWeight;
import org.genegate.clinical.FhirDates;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policies;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;
import org.genegate.server.assessment.StoreAssessments;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Claim/$j1411-check}: a professional or institutional Claim in (as the body, or as the
 * {@code resource} parameter of a Parameters), an OperationOutcome out with one issue per problem and its fix.
 *
 * <p>Two halves: what is written on the claim ({@link ClaimCheck}: codes, units, NDC, lot, place of service,
 * diagnoses), and, when {@code Claim.patient} is a patient of this server, the billing sheet's clinical denials
 * read from the record by the gate engine as of the date of service ({@link ClaimRecordCheck}); the site of care
 * is read from the Encounter that {@code Claim.item.encounter} names. A patient this
 * server does not hold is said so in a warning: the record criteria are then not checked, never passed.
 */
@Component
public class ClaimCheckOperationProvider {

    public static final String OPERATION = "$j1411-check";

    private final Policies policies;
    private final Map<String, ClaimCheck> checks = new LinkedHashMap<>();
    private final CodeIndex codes;
    private final DaoRegistry daoRegistry;
    private final StoreAssessments assessments;

    /** One claim check per product policy; a claim is checked under the policy of the product it bills. */
    public ClaimCheckOperationProvider(Policies policies, CodeIndex codes, DaoRegistry daoRegistry,
                                       StoreAssessments assessments) {
        this.policies = policies;
        policies.all().forEach(p -> checks.put(p.product().billingCode(), new ClaimCheck(p, codes)));
        this.codes = codes;
        this.daoRegistry = daoRegistry;
        this.assessments = assessments;
    }

    @Operation(name = OPERATION, type = Claim.class, idempotent = false)
    public OperationOutcome check(@OperationParam(name = "resource", min = 1, max = 1) Claim claim,
                                  RequestDetails requestDetails) {
        if (claim == null) {
            throw new InvalidRequestException("Send a Claim as the body, or as the 'resource' parameter");
        }
        Policy policy = productBilled(claim);
        ProductSettings product = policy.product();
        LocalDate serviceDate = serviceDate(claim, assessments.today(), product);
        Optional<PatientAssessment> assessed = patientOnServer(claim, requestDetails)
                .map(id -> assessments.assessWithoutOrder(id, encounterId(claim), serviceDate,
                        product.billingCode()));
        // The patient's weight sets the vials the dose needs, which the kit's NDC should match.
        Optional<BigDecimal> weightKg = assessed.flatMap(a -> BodyWeight.latest(a.record(), codes))
                .map(BodyWeight::kg);
        List<ClaimIssue> issues = new ArrayList<>(checks.get(product.billingCode()).check(claim, weightKg));
        if (assessed.isEmpty()) {
            issues.add(new ClaimIssue(ClaimIssue.Severity.WARNING, "not-found", "Claim.patient",
                    "The patient " + (claim.getPatient().hasReference() ? claim.getPatient().getReference() + " " : "")
                            + "is not on this server, so the record criteria of the " + product.name()
                            + " policy (age, antibodies, inhibitor, liver, infections, monitoring plan, site of care "
                            + "and the others) were not checked.",
                    "Point Claim.patient at the patient's record here, or check those criteria with the payer packet."));
        } else {
            issues.addAll(ClaimRecordCheck.issues(assessed.get().assessment(), serviceDate, product));
        }
        return ClaimOutcome.of(issues, policy);
    }

    /**
     * The policy of the product the claim bills: a line coded from a product's list (its HCPCS code, an NDC), else
     * a line whose text or coding display names the product (e.g. billed under an unclassified code), else the
     * default product.
     */
    private Policy productBilled(Claim claim) {
        for (Policy policy : policies.all()) {
            if (claim.getItem().stream().anyMatch(item ->
                    codes.firstMatch(policy.product().valueSet(), item.getProductOrService()).isPresent())) {
                return policy;
            }
        }
        for (Policy policy : policies.all()) {
            if (claim.getItem().stream().anyMatch(item -> names(policy.product(), item.getProductOrService()))) {
                return policy;
            }
        }
        return policies.defaultPolicy();
    }

    /** Whether the line's text or a coding's display names the product, by the rule order recognition uses. */
    private static boolean names(ProductSettings product, CodeableConcept service) {
        List<String> names = product.names().stream().map(name -> name.toLowerCase(Locale.ROOT)).toList();
        return ProductRecognizer.containsAny(service.getText(), names)
                || service.getCoding().stream().anyMatch(c -> ProductRecognizer.containsAny(c.getDisplay(), names));
    }

    /** The id of the claim's patient when this server holds the patient; empty otherwise. */
    private Optional<String> patientOnServer(Claim claim, RequestDetails requestDetails) {
        Optional<String> patientId = patientId(claim.getPatient());
        if (patientId.isPresent()) {
            try {
                daoRegistry.getResourceDao(Patient.class).read(new IdType("Patient", patientId.get()), requestDetails);
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                patientId = Optional.empty();
            }
        }
        return patientId;
    }

    /** The encounter the lines were given in: where the site-of-care gate looks. */
    private static String encounterId(Claim claim) {
        return claim.getItem().stream().flatMap(i -> i.getEncounter().stream())
                .map(r -> new IdType(r.getReference())).filter(id -> "Encounter".equals(id.getResourceType()))
                .map(IdType::getIdPart).findFirst().orElse(null);
    }

    private static Optional<String> patientId(Reference patient) {
        if (!patient.hasReference()) {
            return Optional.empty();
        }
        IdType id = new IdType(patient.getReference());
        return "Patient".equals(id.getResourceType()) && id.hasIdPart() ? Optional.of(id.getIdPart()) : Optional.empty();
    }

    /** The drug line's date of service, else the billable period's start, else the claim's creation, else today. */
    private static LocalDate serviceDate(Claim claim, LocalDate today, ProductSettings product) {
        for (Claim.ItemComponent item : claim.getItem()) {
            boolean drugLine = item.getProductOrService().getCoding().stream()
                    .anyMatch(c -> product.billingCode().equals(c.getCode()));
            if (drugLine && item.hasServicedDateType()) {
                return FhirDates.earliestDay(item.getServicedDateType()).orElseThrow();
            }
        }
        if (claim.getBillablePeriod().hasStart()) {
            return FhirDates.earliestDay(claim.getBillablePeriod().getStartElement()).orElseThrow();
        }
        return claim.hasCreated() ? FhirDates.earliestDay(claim.getCreatedElement()).orElseThrow() : today;
    }
}
