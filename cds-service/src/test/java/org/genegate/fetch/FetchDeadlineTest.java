package org.genegate.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A hook call has one fetch budget: what a Medication read spends is gone for the record. */
class FetchDeadlineTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aMedicationReadWaitsOnlyForWhatIsLeftOfTheCallsBudget() {
        FhirQuery slow = query -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new Medication());
        };
        FetchDeadline spent = new FetchDeadline(Duration.ofMillis(3_000), System.nanoTime());

        MedicationLookup.Found found = new MedicationLookup(null, executor)
                .fetch(new Reference("Medication/m1"), "https://ehr.example.org/fhir", slow, spent);

        assertThat(found.medication()).isNull();
        assertThat(found.problem()).contains("no answer within 3000 ms");
    }

    @Test
    void remainingTimeNeverGoesBelowZero() {
        FetchDeadline past = new FetchDeadline(Duration.ofSeconds(3), System.nanoTime() - 1_000_000_000L);

        assertThat(past.remainingNanos()).isZero();
        assertThat(FetchDeadline.startingNow(Duration.ofSeconds(3)).remainingNanos()).isPositive();
    }
}
