package org.genegate.policy;

/**
 * The clotting factor the post-infusion review follows (the monitoring section's {@code factor}): FIX after
 * Hemgenix, FVIII after Roctavian. Names are as cards write them; codes and value sets are what the schedule,
 * the trend and the inhibitor check read.
 *
 * @param name               the factor in running text, e.g. {@code factor IX}
 * @param activity           its activity test as cards name it, e.g. {@code FIX activity}
 * @param activityValueSet   the ValueSet of activity results
 * @param activityCode       the LOINC code the plan schedules
 * @param activityDisplay    that code's display
 * @param inhibitor          its inhibitor test as cards name it, e.g. {@code FIX inhibitor}
 * @param inhibitorValueSet  the ValueSet of inhibitor results
 * @param productsValueSet   the ValueSet of factor products whose doses wash out before activity is compared; empty
 *                           when the policy names none (then no result is set aside as measuring a product)
 */
public record FactorMonitoring(String name, String activity, String activityValueSet, String activityCode,
                               String activityDisplay, String inhibitor, String inhibitorValueSet,
                               String productsValueSet) {

    /** The factor product use an outcomes agreement reports, e.g. "FIX product use" (the inhibitor's factor). */
    public String productUse() {
        return inhibitor.replace(" inhibitor", "") + " product use";
    }
}
