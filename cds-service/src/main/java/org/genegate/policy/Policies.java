package org.genegate.policy;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The products the service gates, one policy each, in configuration order; the first is the default where a
 * request names no product (e.g. a readiness check without an order). Two policies for one billing code are
 * refused at start-up.
 */
public record Policies(List<Policy> all) {

    public Policies {
        if (all.isEmpty()) {
            throw new PolicyException("No policy is configured: at least one product policy is needed");
        }
        Set<String> codes = new HashSet<>();
        for (Policy policy : all) {
            if (!codes.add(policy.product().billingCode())) {
                throw new PolicyException("Two policies are for the billing code " + policy.product().billingCode());
            }
        }
        all = List.copyOf(all);
    }

    public Policy defaultPolicy() {
        return all.get(0);
    }

    /** The policy of the product billed under this code (e.g. J1412), case-insensitively. */
    public Optional<Policy> byBillingCode(String billingCode) {
        return all.stream().filter(p -> p.product().billingCode().equalsIgnoreCase(billingCode)).findFirst();
    }
}
