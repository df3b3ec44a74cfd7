package org.genegate.server.coordinator;

import org.genegate.gates.HemgenixOrderRecognizer;
import org.genegate.monitoring.PostInfusionMonitor;
import org.genegate.policy.Policy;
import org.genegate.terminology.CodeIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The post-infusion review the coordinator's operations share with the patient-view hook (same policy). */
@Configuration
public class CoordinatorConfig {

    @Bean
    PostInfusionMonitor coordinatorMonitor(Policy policy, CodeIndex codeIndex, HemgenixOrderRecognizer recognizer) {
        return new PostInfusionMonitor(policy, codeIndex, recognizer);
    }
}
