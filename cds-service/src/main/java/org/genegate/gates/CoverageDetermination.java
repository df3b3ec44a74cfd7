package org.genegate.gates;

import java.util.List;

/**
 * The payer facts for the order, from the patient's active Coverage and the policy's payer table;
 * feeds the payer card and the Da Vinci CRD coverage-information extension.
 *
 * @param coverageReference     e.g. {@code Coverage/cov-1}
 * @param payerName             the payer as named in the policy table (or the Coverage's payor display when unmatched)
 * @param payerId               the policy's payer id, or null when the payer is not in the table
 * @param covered               CRD {@code covered}: covered | not-covered | conditional
 * @param paNeeded              CRD {@code pa-needed}: auth-needed | no-auth | satisfied | performpa | conditional
 * @param outcomesBasedAgreement the table's outcomes-based agreement note (e.g. "yes", "case-by-case")
 * @param documentation         what the payer wants in the prior-authorization packet
 */
public record CoverageDetermination(String coverageReference, String payerName, String payerId, String covered,
                                    String paNeeded, String outcomesBasedAgreement, List<String> documentation) {

    public CoverageDetermination {
        documentation = List.copyOf(documentation);
    }
}
