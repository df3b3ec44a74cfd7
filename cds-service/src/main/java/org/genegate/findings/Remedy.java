package org.genegate.findings;

import java.math.BigDecimal;

/** What would fix a finding; the card layer turns each into a CDS Hooks suggestion. */
public sealed interface Remedy {

    /** Order a test or study (a ServiceRequest) identified by this code. */
    record OrderTest(String system, String code, String display, String reason) implements Remedy {
    }

    /** Create the post-infusion monitoring CarePlan (weekly ALT and FIX activity for 12 weeks). */
    record CreateMonitoringPlan(String reason) implements Remedy {
    }

    /**
     * Update the draft order's dose to the weight-based dose.
     *
     * @param volumeMl        2 mL/kg × weight
     * @param genomeCopies    2 × 10^13 gc/kg × weight
     * @param vials           ceil(volumeMl / vial volume)
     * @param weightKg        the weight the dose rests on
     */
    record UpdateDose(BigDecimal volumeMl, BigDecimal genomeCopies, int vials, BigDecimal weightKg)
            implements Remedy {
    }

    /** Replace a wrong billing or procedure code with the right one. */
    record ReplaceCode(String wrongSystem, String wrongCode, String rightSystem, String rightCode,
                       String rightDisplay, String reason) implements Remedy {
    }
}
