package org.genegate.plainhapi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;

/**
 * HAPI FHIR 8.8.0 and nothing else: the R4 JPA store, HAPI's REST server at {@code /fhir} and HAPI's CDS Hooks
 * module at {@code /cds-services} with one service that answers a fixed card. The benchmark starts it next to the
 * GeneGate server to tell what GeneGate adds to HAPI's own start-up and to a hook call.
 *
 * <p>The auto-configurations excluded are the ones HAPI's JPA module drags onto the classpath without being used
 * (an Elasticsearch client that would look for a cluster, Quartz, Flyway, Thymeleaf), as in the GeneGate server.
 */
@SpringBootApplication(exclude = {
    ElasticsearchRestClientAutoConfiguration.class,
    ElasticsearchClientAutoConfiguration.class,
    QuartzAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    ThymeleafAutoConfiguration.class
})
public class PlainHapiApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlainHapiApplication.class, args);
    }
}
