package org.genegate.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * GeneGate in one process: HAPI FHIR R4 JPA server at {@code /fhir}, GeneGate terminology and
 * (optionally) scenario patients installed at start, and the CDS Hooks layer.
 *
 * <p>Scans all of {@code org.genegate} so that the CDS service's Spring Web controllers
 * ({@code org.genegate.hooks}) join this application without extra wiring, except {@code org.genegate.cdsapp}: the
 * CDS-only application, whose store client and audit sender stand in for what this server has itself.
 * ({@code @SpringBootApplication} with its two default filters, spelled out to add that exclusion.)
 *
 * <p>HAPI's JPA module drags the Elasticsearch client, Quartz, Flyway and Thymeleaf onto the classpath;
 * GeneGate uses none of them through Spring Boot. Left on, the Elasticsearch auto-configuration
 * keeps trying to reach a cluster that does not exist, and Flyway writes its own history table
 * into HAPI's schema.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = {
    ElasticsearchRestClientAutoConfiguration.class,
    ElasticsearchClientAutoConfiguration.class,
    QuartzAutoConfiguration.class,
    FlywayAutoConfiguration.class,
    ThymeleafAutoConfiguration.class
})
@ComponentScan(basePackages = "org.genegate", excludeFilters = {
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
    @ComponentScan.Filter(type = FilterType.REGEX, pattern = "org\\.genegate\\.cdsapp\\..*")
})
@EnableConfigurationProperties(GeneGateServerProperties.class)
public class GeneGateServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GeneGateServerApplication.class, args);
    }
}
