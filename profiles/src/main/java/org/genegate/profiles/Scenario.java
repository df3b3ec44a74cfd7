package org.genegate.profiles;

import java.util.List;
import java.util.Map;

/**
 * One scenario patient and the outcome the gate engine must produce for its draft order: the
 * acceptance tests of the J1411 policy.
 *
 * @param id               e.g. {@code nab-high}; every resource id in its bundles starts with it
 * @param title            one line for people
 * @param patientId        bare Patient id (the hook's {@code context.patientId})
 * @param encounterId      bare Encounter id (the hook's {@code context.encounterId})
 * @param userId           the hook's {@code userId}, e.g. {@code Practitioner/nab-high-practitioner}
 * @param bundleJson       a FHIR transaction Bundle (PUT Type/id entries) holding the patient's record
 * @param ordersJson       a FHIR collection Bundle: exactly the hook's {@code context.draftOrders}
 * @param expectedFindings gate id → status (FAIL, MISSING, STALE, ...) for every gate that does not pass
 * @param expectedCards    card groups, in the order critical, documentation, coding, payer
 * @param notes            why the findings are what they are
 * @param expectedPatientViewCards the alerts of the patient-view hook's cards after a Hemgenix infusion
 *                         (overdue, alt, inhibitor, fix-activity, no-plan); empty for a patient without one
 * @param dates            the visit the files are written for and the day the bundles are moved to; the
 *                         bundles above are already moved, dates named in {@code notes} are as written
 */
public record Scenario(String id, String title, String patientId, String encounterId, String userId,
                       String bundleJson, String ordersJson, Map<String, String> expectedFindings,
                       List<String> expectedCards, String notes, List<String> expectedPatientViewCards,
                       ScenarioDates dates) {

    public Scenario {
        expectedFindings = Map.copyOf(expectedFindings);
        expectedCards = List.copyOf(expectedCards);
        expectedPatientViewCards = List.copyOf(expectedPatientViewCards);
    }
}
