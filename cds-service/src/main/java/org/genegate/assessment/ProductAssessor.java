package org.genegate.assessment;

import org.genegate.gates.GateEngine;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.orders.ProductMentions;
import org.genegate.orders.ProductRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.ProductSettings;

/**
 * Everything that judges one product, all built from its policy: which orders are its own, its gates and its
 * post-infusion review. The {@link AssessmentService} holds one per configured product and hands each order to the
 * product that recognises it.
 */
public record ProductAssessor(Policy policy, ProductRecognizer recognizer, ProductMentions mentions,
                              GateEngine engine, PostInfusionMonitor monitor) {

    public ProductSettings product() {
        return policy.product();
    }
}
