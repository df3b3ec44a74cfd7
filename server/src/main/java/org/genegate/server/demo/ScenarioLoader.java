package org.genegate.server.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the scenario patients ({@code genegate.demo.load-scenarios=true}) so the hooks can be
 * tried against a known record, seen on the day they are loaded ({@link Scenarios#loadDay()}: every date moved
 * from the scenario's written visit to today). Each scenario's transaction bundle is PUT-by-id only, so a second
 * load on the same day (a restart on the file database) leaves unchanged resources at their current version; a
 * load on a later day moves the dates on.
 *
 * <p>Runs after the terminology installer ({@link Order}), within the start-up that
 * {@code StartupLock} makes exclusive per database, so nodes started together do not race to
 * create the same ids.
 */
@Component
@Order(2)
@ConditionalOnProperty(prefix = "genegate.demo", name = "load-scenarios", havingValue = "true")
public class ScenarioLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ScenarioLoader.class);

    private final FhirContext fhirContext;
    private final IFhirSystemDao<Bundle, Meta> systemDao;

    public ScenarioLoader(FhirContext fhirContext, IFhirSystemDao<Bundle, Meta> systemDao) {
        this.fhirContext = fhirContext;
        this.systemDao = systemDao;
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
    }

    /** Executes every scenario's transaction; returns how many resources they hold. */
    public int load() {
        List<Scenario> scenarios = Scenarios.all();
        int resources = 0;
        for (Scenario scenario : scenarios) {
            Bundle transaction = fhirContext.newJsonParser().parseResource(Bundle.class, scenario.bundleJson());
            try {
                systemDao.transaction(new SystemRequestDetails(), transaction);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Scenario " + scenario.id() + " did not load: " + e.getMessage(), e);
            }
            resources += transaction.getEntry().size();
        }
        log.info("Demo: loaded {} scenarios ({} resources)", scenarios.size(), resources);
        return resources;
    }
}
