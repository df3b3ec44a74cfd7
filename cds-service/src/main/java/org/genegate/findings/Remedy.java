package org.genegate.findings;

import java.math.BigDecimal;

/** What would fix a finding; the card layer turns each into a CDS Hooks suggestion. */
public sealed interface Remedy {

    /** Order a test or study (a ServiceRequest) identified by this code. */
    record OrderTest(String system, String code, String display, String reason) implements Remedy {
    }

    /**
     * Create the post-infusion monitoring CarePlan.
     *
     * @param reason what the plan holds, from the product's policy (e.g. weekly ALT and FIX activity for 12 weeks)
     */
    record CreateMonitoringPlan(String reason) implements Remedy {
    }

    /**
     * Update the draft order's dose to the weight-based dose.
     *
     * @param volumeMl        mL/kg × weight (Hemgenix 2 mL/kg)
     * @param genomeCopies    vector genomes per kg × weight, in the product's own unit
     * @param vials           ceil(volumeMl / vial volume)
     * @param weightKg        the weight the dose rests on
     * @param product         the product's name, for the order's dosage text
     * @param unit            the product's label unit of vector genomes ({@code gc} or {@code vg}); never converted
     * @param perKg           the label dose per kg in that unit
     */
    record UpdateDose(BigDecimal volumeMl, BigDecimal genomeCopies, int vials, BigDecimal weightKg, String product,
                      String unit, BigDecimal perKg) implements Remedy {
    }

    /** Replace a wrong billing or procedure code with the right one. */
    record ReplaceCode(String wrongSystem, String wrongCode, String rightSystem, String rightCode,
                       String rightDisplay, String reason) implements Remedy {
    }
}
