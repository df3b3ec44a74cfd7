package org.genegate.server.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.genegate.security.settings.SecurityProperties;
import org.genegate.server.GeneGateServerProperties;
import org.genegate.server.audit.AuditEventResourceProvider;
import org.genegate.server.claims.ClaimCheckOperationProvider;
import org.genegate.server.coordinator.MonitoringStatusOperationProvider;
import org.genegate.server.coordinator.WorklistOperationProvider;
import org.genegate.server.readiness.ReadinessOperationProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST API at {@code /fhir/*}: HAPI's RestfulServer over the JPA DAOs. */
@Configuration
public class FhirServletConfig {

    @Bean
    public RestfulServer fhirRestfulServer(
            FhirContext fhirContext,
            IFhirSystemDao<?, ?> systemDao,
            IJpaSystemProvider systemProvider,
            ResourceProviderFactory resourceProviders,
            ValueSetOperationProvider valueSetOperations,
            DatabaseBackedPagingProvider pagingProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            GeneGateServerProperties properties,
            ReadinessOperationProvider readinessOperation,
            ClaimCheckOperationProvider claimCheckOperation,
            MonitoringStatusOperationProvider monitoringStatusOperation,
            WorklistOperationProvider worklistOperation,
            AuditEventResourceProvider auditEvents,
            SecurityProperties security) {
        RestfulServer server = new RestfulServer(fhirContext);
        server.setServerName("GeneGate FHIR server");

        // One provider per resource type the DAO registry knows; CodeSystem's carries
        // $validate-code and $lookup, ConceptMap's $translate. ValueSet/$expand and
        // $validate-code live in their own provider.
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        // AuditEvent: the audit table, not the JPA store (which does not hold the type).
        server.registerProvider(auditEvents);
        server.registerProvider(valueSetOperations);
        // GeneGate's own operations: Patient/{id}/$j1411-readiness, Claim/$j1411-check, and the coordinator's
        // Patient/{id}/$monitoring-status and Patient/$hemgenix-worklist.
        server.registerProvider(readinessOperation);
        server.registerProvider(claimCheckOperation);
        server.registerProvider(monitoringStatusOperation);
        server.registerProvider(worklistOperation);

        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        // Links and Location headers name the configured base, never the request's Host header (which a client
        // chooses); only an open, loopback-only server falls back to the request.
        String serverAddress = properties.fhir().serverAddress();
        if (serverAddress.isBlank() && !security.publicBaseUrl().isBlank()) {
            serverAddress = security.publicBaseUrl() + "/fhir";
        }
        if (!serverAddress.isBlank()) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(serverAddress));
        }

        // The JPA flavour lists the search parameters actually indexed, including custom ones.
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("GeneGate: Hemgenix (J1411) order gate, FHIR R4");
        server.setServerConformanceProvider(capabilities);
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServletRegistration(RestfulServer fhirRestfulServer) {
        ServletRegistrationBean<RestfulServer> registration =
                new ServletRegistrationBean<>(fhirRestfulServer, "/fhir/*");
        registration.setName("fhir");
        // Initialise HAPI's servlet (scan providers, build bindings) at start-up, not on the
        // first request, so the first clinician does not pay for it.
        registration.setLoadOnStartup(1);
        return registration;
    }
}
