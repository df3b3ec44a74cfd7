package org.genegate.cdsapp;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The CDS Hooks service on its own ({@code genegate-cds.jar}): no JPA and no database. A hook's record comes from
 * prefetch and the request's {@code fhirServer}, else from the FHIR store named by {@code genegate.cds.store-url}
 * (e.g. a GeneGate server's {@code /fhir}), to which the audit trail is also sent. Many of these can run behind a
 * load balancer in front of one store.
 *
 * <p>Its settings file is {@code genegate-cds.yaml} (and {@code genegate-cds-security.yaml} for the
 * {@code security} profile), not {@code application.yaml}, so that the combined server, which has this class on
 * its classpath, never reads them; the server's component scan leaves this package out.
 */
@SpringBootApplication(scanBasePackages = {"org.genegate.cdsapp", "org.genegate.hooks", "org.genegate.security",
        "org.genegate.runtime"})
public class CdsApplication {

    /** The name of this application's settings files. */
    static final String CONFIG_NAME = "genegate-cds";

    public static void main(String[] args) {
        application().run(args);
    }

    static SpringApplication application() {
        SpringApplication application = new SpringApplication(CdsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
