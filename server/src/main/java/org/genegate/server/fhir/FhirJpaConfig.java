package org.genegate.server.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import jakarta.persistence.EntityManagerFactory;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.server.database.SchemaMigration;
import org.genegate.server.database.SupportedDatabase;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * HAPI FHIR R4 JPA storage: DAOs, search, terminology services and batch jobs, on the
 * application's DataSource.
 *
 * <p>HAPI's own configuration classes need four things from us: the storage settings, the
 * partition settings, the entity manager factory and a primary transaction manager (HAPI's
 * services look the latter up by type, and Spring Boot's JDBC one must not win). Subscription
 * matching and delivery, MDM, bulk export endpoints, Hibernate Search and GraphQL are left out.
 *
 * <p>HAPI's {@code HapiJpaConfig} is deliberately not imported: it registers the Hibernate Search
 * service, and HAPI's terminology service takes the mere presence of that bean to mean
 * Hibernate Search is running. With it, {@code $expand} of a ValueSet drawing on a CodeSystem
 * stored here (GeneGate's own) fails with "HSEARCH800001: Hibernate Search was not initialized";
 * without it HAPI expands enumerated concept lists straight from the database. The other beans
 * of that class are declared below.
 */
@Configuration
@Import({
    JpaR4Config.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    // Despite its name this is HAPI's in-process message broker; batch2 (reindexing after a
    // search-parameter change, $expunge) passes its work notifications through it.
    SubscriptionChannelConfig.class
})
public class FhirJpaConfig {

    private static final String DIALECT_PROPERTY = "hibernate.dialect";

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // Scenario data and EHR-style clients PUT resources with ids they chose, some numeric.
        // With ANY, server-assigned ids must be UUIDs so they can never collide with those.
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        // Orders and coverage point at payers and practitioners held by the EHR, not here.
        settings.setAllowExternalReferences(true);
        // Hibernate Search is off (no Lucene/Elasticsearch), so no _text/_content indexing.
        settings.setAdvancedHSearchIndexing(false);
        settings.setHibernateSearchIndexFullText(false);
        // A cached search result would hide a lab result written seconds ago from the gates.
        settings.setReuseCachedSearchResultsForMillis(null);
        // GeneGate's code systems are small: store their concepts in the same transaction so
        // $validate-code and $expand work the moment the installer returns, not after the
        // deferred-storage job has run.
        settings.setDeferIndexingForCodesystemsOfSize(10_000);
        // ValueSets are expanded on request (they are small); the periodic pre-expansion job
        // would only add start-up and background work.
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        // HFJ_SPIDX_IDENTITY is a write-only lookup of index hashes for diagnostics: nothing here
        // reads it. Filling it is background work at every start, and nodes starting together
        // collide on its unique key (hundreds of logged duplicate-key errors, then harmless).
        settings.setWriteToSearchParamIdentityTable(false);
        return settings;
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider(GeneGateServerProperties properties) {
        // Pages of a search are kept in the database, so any node sharing it can serve the next page.
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(properties.fhir().defaultPageSize());
        paging.setMaximumPageSize(properties.fhir().maxPageSize());
        return paging;
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        // Removes the stored result lists of paged searches once they expire.
        return new StaleSearchDeletingSvcImpl();
    }

    /**
     * Every resource type HAPI knows except AuditEvent, which lives in GeneGate's append-only audit table
     * (AuditEventResourceProvider): no JPA provider, DAO or transaction entry answers for it, so there is one way
     * to store and find an audit event.
     */
    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(DaoRegistry daoRegistry, FhirContext fhirContext) {
        daoRegistry.setSupportedResourceTypes(fhirContext.getResourceTypes().stream()
                .filter(type -> !"AuditEvent".equals(type)).toList());
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        // HAPI looks this up by name; it feeds the resource counts in the CapabilityStatement.
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Bean
    public PartitionSettings partitionSettings() {
        // No partitioning: one logical store per database.
        return new PartitionSettings();
    }

    @Bean
    @Primary
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            DataSourceProperties dataSourceProperties,
            JpaProperties jpaProperties,
            // Hibernate must find HAPI's tables at this build's level: migrated (or checked) first.
            SchemaMigration schemaMigration) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);

        Map<String, Object> properties = new HashMap<>(jpaProperties.getProperties());
        if (!properties.containsKey(DIALECT_PROPERTY)) {
            String url = dataSourceProperties.determineUrl();
            properties.put(DIALECT_PROPERTY, SupportedDatabase.requireForJdbcUrl(url).hibernateDialect());
        }
        factory.setJpaPropertyMap(properties);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
