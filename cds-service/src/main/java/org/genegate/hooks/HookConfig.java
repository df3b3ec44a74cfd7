package org.genegate.hooks;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.genegate.cards.CardComposer;
import org.genegate.cards.CardSettings;
import org.genegate.cards.CoverageInformationAction;
import org.genegate.cards.Link;
import org.genegate.cards.OverrideReasons;
import org.genegate.fetch.FhirQuery;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.fetch.RecordAssembler;
import org.genegate.gates.GateEngine;
import org.genegate.gates.HemgenixOrderRecognizer;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.TerminologyResources;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gate engine (plain Java) into the CDS Hooks HTTP layer. The policy comes from the shipped
 * file unless {@code genegate.policy.file} names another; a bad file stops start-up with the loader's message.
 */
@Configuration
@EnableConfigurationProperties(HookProperties.class)
public class HookConfig {

    @Bean
    Policy policy(@Value("${genegate.policy.file:}") String policyFile) {
        return policyFile.isBlank() ? PolicyLoader.loadDefault() : PolicyLoader.load(Path.of(policyFile));
    }

    @Bean
    CodeIndex codeIndex(FhirContext fhirContext) {
        return CodeIndex.load(fhirContext);
    }

    @Bean
    GateEngine gateEngine(Policy policy, CodeIndex codeIndex) {
        return new GateEngine(policy, codeIndex);
    }

    @Bean
    PrefetchTemplates prefetchTemplates(CodeIndex codeIndex) {
        return new PrefetchTemplates(codeIndex);
    }

    @Bean
    CdsServiceCatalog cdsServiceCatalog(PrefetchTemplates templates) {
        return new CdsServiceCatalog(templates);
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService recordFetchExecutor(HookProperties properties) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "record-fetch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(properties.fetchThreads(), threads);
    }

    @Bean
    HttpClient remoteFhirHttpClient(HookProperties properties) {
        return HttpClient.newBuilder()
                .connectTimeout(properties.fetchBudget())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean
    HookService hookService(FhirContext fhirContext, CodeIndex codeIndex, Policy policy, GateEngine engine,
                            PrefetchTemplates templates, ExecutorService recordFetchExecutor,
                            HttpClient remoteFhirHttpClient, HookProperties properties,
                            ObjectProvider<FhirQuery> localStore) {
        List<Link> links = policy.links().stream().map(l -> new Link(l.label(), l.url(), "absolute")).toList();
        CardSettings settings = new CardSettings(properties.sourceLabel(), properties.sourceUrl(),
                OverrideReasons.from(TerminologyResources.load(fhirContext)), links);
        HookRequestReader reader = new HookRequestReader(fhirContext);
        return new HookService(reader, new HemgenixOrderRecognizer(codeIndex),
                new RecordAssembler(reader, templates, recordFetchExecutor, properties.fetchBudget()),
                engine, new CardComposer(fhirContext, settings), new CoverageInformationAction(fhirContext),
                localStore.getIfAvailable(), remoteFhirHttpClient, fhirContext, properties.fetchBudget(),
                Clock.systemDefaultZone());
    }
}
