package org.genegate.cards;

import org.genegate.findings.Remedy;

/**
 * What a remedy asks a person to do, in the words of the card suggestions; the readiness checklist uses the
 * same words so a clinician reads one instruction in both places.
 */
public final class RemedyLabels {

    private RemedyLabels() {
    }

    public static String label(Remedy remedy) {
        if (remedy instanceof Remedy.OrderTest test) {
            return "Order " + test.display();
        }
        if (remedy instanceof Remedy.CreateMonitoringPlan plan) {
            // The plan's content is the product policy's, as the monitoring-plan gate words it.
            return "Create the post-infusion monitoring plan (" + plan.reason() + ")";
        }
        if (remedy instanceof Remedy.UpdateDose dose) {
            return "Set the dose to " + RemedyResources.plain(dose.volumeMl()) + " mL (" + dose.vials()
                    + " vials) for " + RemedyResources.plain(dose.weightKg()) + " kg";
        }
        Remedy.ReplaceCode replace = (Remedy.ReplaceCode) remedy;
        if (replace.rightCode() == null) {
            return "Remove " + replace.wrongCode();
        }
        return replace.rightCode().equalsIgnoreCase(replace.wrongCode().strip())
                ? "Add the code system to " + replace.rightCode()
                : "Replace " + replace.wrongCode() + " with " + replace.rightCode();
    }
}
