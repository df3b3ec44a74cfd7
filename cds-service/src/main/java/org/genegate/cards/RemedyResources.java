package org.genegate.cards;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Date;
import java.util.List;
import org.genegate.findings.Remedy;
import org.genegate.orders.DraftOrder;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Builds the FHIR resources that suggestions carry: ServiceRequests for missing tests, the monitoring
 * CarePlan, and the draft order with a corrected dose or code. Each new resource is tied to the order's
 * patient, encounter and requester, so the EHR can file it as is.
 */
public final class RemedyResources {

    private RemedyResources() {
    }

    public static ServiceRequest serviceRequest(Remedy.OrderTest test, DraftOrder order) {
        MedicationRequest request = order.request();
        ServiceRequest serviceRequest = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(new CodeableConcept(new Coding(test.system(), test.code(), test.display()))
                        .setText(test.display()))
                .setSubject(request.getSubject().copy())
                .setAuthoredOnElement(new DateTimeType(new Date()))
                .addReasonCode(new CodeableConcept().setText(test.reason()));
        serviceRequest.addCategory(new CodeableConcept(category(test)));
        if (request.hasEncounter()) {
            serviceRequest.setEncounter(request.getEncounter().copy());
        }
        if (request.hasRequester()) {
            serviceRequest.setRequester(request.getRequester().copy());
        }
        return serviceRequest;
    }

    /** The ServiceRequest category (SNOMED CT, as US Core's ServiceRequest categories): imaging, referral or lab. */
    private static Coding category(Remedy.OrderTest test) {
        if (GeneGateTerminology.CODE_SYSTEM.equals(test.system())) {
            if (GeneGateTerminology.LIVER_ULTRASOUND.equals(test.code())
                    || GeneGateTerminology.LIVER_ELASTOGRAPHY.equals(test.code())) {
                return new Coding("http://snomed.info/sct", "363679005", "Imaging");
            }
            if (GeneGateTerminology.HEPATOLOGY_CONSULT.equals(test.code())) {
                return new Coding("http://snomed.info/sct", "3457005", "Patient referral");
            }
        }
        return new Coding("http://snomed.info/sct", "108252007", "Laboratory procedure");
    }

    /** The draft order with its dose set to the weight-based volume in mL. */
    static MedicationRequest withDose(DraftOrder order, Remedy.UpdateDose dose) {
        MedicationRequest updated = order.request().copy();
        Dosage dosage = updated.getDosageInstructionFirstRep();
        Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
        doseAndRate.setDose(new Quantity().setValue(dose.volumeMl()).setUnit("mL")
                .setSystem(GeneGateTerminology.UCUM).setCode("mL"));
        dosage.setText(dose.product() + " " + plain(dose.volumeMl()) + " mL (" + scientific(dose.genomeCopies())
                + " " + dose.unit() + "; " + scientific(dose.perKg()) + " " + dose.unit() + "/kg for "
                + plain(dose.weightKg()) + " kg) IV once, " + dose.vials() + " vials");
        return updated;
    }

    /** The draft order with one coding replaced (or removed when there is no right code). */
    static MedicationRequest withCode(DraftOrder order, Remedy.ReplaceCode replace) {
        MedicationRequest updated = order.request().copy();
        if (updated.getMedication() instanceof CodeableConcept medication) {
            replaceCoding(medication.getCoding(), replace);
        }
        return updated;
    }

    /** Replaces (or drops) the wrong coding in place; true when one was found. */
    static boolean replaceCoding(List<Coding> codings, Remedy.ReplaceCode replace) {
        for (int i = 0; i < codings.size(); i++) {
            Coding coding = codings.get(i);
            // A code sent without a system is replaced too (wrongSystem null).
            if (replace.wrongCode().equals(coding.getCode())
                    && java.util.Objects.equals(replace.wrongSystem(), coding.getSystem())) {
                if (replace.rightCode() == null) {
                    codings.remove(i);
                } else {
                    codings.set(i, new Coding(replace.rightSystem(), replace.rightCode(), replace.rightDisplay()));
                }
                return true;
            }
        }
        return false;
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** 1.4E+15 → "1.4 x 10^15", as clinicians read it. */
    static String scientific(BigDecimal value) {
        int exponent = value.precision() - value.scale() - 1;
        BigDecimal mantissa = value.movePointLeft(exponent).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return mantissa.toPlainString() + " x 10^" + exponent;
    }
}
