package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.Optional;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Snapshots are generated on US Core where its package is at hand, and on base R4 where it is not. */
class ProfileSnapshotsTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    @Test
    void withoutUsCoreTheProfilesAreRebasedOnBaseR4AndSaySo() {
        ProfileSnapshots.Result result = ProfileSnapshots.generate(CTX, Optional.empty());

        assertThat(result.onUsCore()).isFalse();
        assertThat(result.profiles()).hasSize(5).allSatisfy(profile -> {
            assertThat(profile.getBaseDefinition()).isEqualTo(ProfileSnapshots.CORE_BASE + profile.getType());
            assertThat(profile.getDescription()).endsWith(ProfileSnapshots.REBASED_NOTE);
            assertThat(profile.getSnapshot().getElement()).isNotEmpty();
        });
        // GeneGate's own constraints survive the rebase.
        assertThat(element(result, GeneGateProfiles.AAV5_NAB_TITER, "Observation.method").getMin()).isEqualTo(1);
        assertThat(element(result, GeneGateProfiles.MONITORING_CARE_PLAN,
                "CarePlan.category:GeneTherapyMonitoring").getMin()).isEqualTo(1);
    }

    @Test
    void withUsCoreTheProfilesKeepUsCoreConstraints() {
        Optional<Path> folder = ConformancePackages.folder();
        Assumptions.assumeTrue(folder.isPresent(), "Skipped: shared/conformance is not beside this checkout");

        ProfileSnapshots.Result result = ProfileSnapshots.generate(CTX,
                Optional.of(folder.get().resolve(ConformancePackages.US_CORE_311)));

        assertThat(result.onUsCore()).isTrue();
        assertThat(result.profiles()).allSatisfy(profile ->
                assertThat(profile.getBaseDefinition()).startsWith("http://hl7.org/fhir/us/core/StructureDefinition/"));
        // US Core's laboratory category slice and careplan narrative come through the base.
        assertThat(element(result, GeneGateProfiles.FIX_INHIBITOR, "Observation.category:Laboratory").getMin())
                .isEqualTo(1);
        assertThat(element(result, GeneGateProfiles.MONITORING_CARE_PLAN, "CarePlan.text").getMin()).isEqualTo(1);
    }

    private static ElementDefinition element(ProfileSnapshots.Result result, String url, String id) {
        StructureDefinition profile = result.profiles().stream().filter(p -> p.getUrl().equals(url)).findFirst()
                .orElseThrow();
        return profile.getSnapshot().getElement().stream().filter(e -> e.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no element " + id + " in " + url));
    }
}
