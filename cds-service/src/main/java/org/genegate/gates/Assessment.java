package org.genegate.gates;

import java.util.List;
import java.util.Optional;
import org.genegate.findings.GateFinding;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.ProductSettings;

/**
 * Every gate's finding for one order under its product's policy, in policy order.
 *
 * @param coverage null when the patient has no active Coverage (or it could not be fetched)
 * @param product  the product whose policy judged the order
 * @param gates    how the policy names its gates, for whoever shows the findings
 */
public record Assessment(DraftOrder order, List<GateFinding> findings, CoverageDetermination coverage,
                         String policyVersion, ProductSettings product, GateCatalog gates) {

    public Assessment {
        findings = List.copyOf(findings);
    }

    public Optional<GateFinding> finding(String gateId) {
        return findings.stream().filter(f -> f.gateId().equals(gateId)).findFirst();
    }

    public Optional<CoverageDetermination> coverageDetermination() {
        return Optional.ofNullable(coverage);
    }
}
