package org.genegate.monitoring;

import java.util.List;
import org.genegate.policy.ProductSettings;

/** The monitoring plan builder of each configured product, found by the product an assessment was made for. */
public final class MonitoringPlans {

    private final List<MonitoringPlanBuilder> builders;

    public MonitoringPlans(List<MonitoringPlanBuilder> builders) {
        this.builders = List.copyOf(builders);
    }

    /** The builder of the product billed under the product's code; a product not configured is a programming error. */
    public MonitoringPlanBuilder of(ProductSettings product) {
        return builders.stream().filter(b -> b.product().billingCode().equals(product.billingCode())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No monitoring plan for " + product.label()));
    }
}
