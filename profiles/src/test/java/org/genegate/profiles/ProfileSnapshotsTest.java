package org.genegate.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Snapshots are generated on US Core where its package is at hand, and on base R4 where it is not; the sets the
 * build shipped are what the generator makes now, so a stale shipped set fails the build.
 */
class ProfileSnapshotsTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();

    private static final List<StructureDefinition> DIFFERENTIALS = GeneGateProfiles.differentials(CTX);

    /** Generated once for the whole class: each generation takes seconds. */
    private static ProfileSnapshots.Result onBaseR4;
    private static ProfileSnapshots.Result onUsCore;

    @Test
    void withoutUsCoreTheProfilesAreRebasedOnBaseR4AndSaySo() {
        ProfileSnapshots.Result result = onBaseR4();

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
        ProfileSnapshots.Result result = onUsCore();

        assertThat(result.onUsCore()).isTrue();
        assertThat(result.profiles()).allSatisfy(profile ->
                assertThat(profile.getBaseDefinition()).startsWith("http://hl7.org/fhir/us/core/StructureDefinition/"));
        // US Core's laboratory category slice and careplan narrative come through the base.
        assertThat(element(result, GeneGateProfiles.FIX_INHIBITOR, "Observation.category:Laboratory").getMin())
                .isEqualTo(1);
        assertThat(element(result, GeneGateProfiles.MONITORING_CARE_PLAN, "CarePlan.text").getMin()).isEqualTo(1);
    }

    @Test
    void theShippedBaseR4SetIsWhatTheGeneratorMakesNow() {
        Optional<List<StructureDefinition>> shipped = ShippedSnapshots.matching(CTX, false,
                ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.empty()));

        assertThat(shipped).as("a base-R4 set made from the current fingerprint").isPresent();
        assertThat(json(shipped.get())).isEqualTo(json(onBaseR4().profiles()));
    }

    @Test
    void theShippedUsCoreSetIsWhatTheGeneratorMakesNow() {
        Optional<List<StructureDefinition>> shipped = ShippedSnapshots.matching(CTX, true,
                ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.of(usCorePackage())));

        assertThat(shipped).as("a US Core set made from the current fingerprint").isPresent();
        assertThat(json(shipped.get())).isEqualTo(json(onUsCore().profiles()));
    }

    @Test
    void aShippedSetMadeFromOtherSourcesIsNotUsed() {
        String baseR4 = ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.empty());
        assertThat(ShippedSnapshots.matching(CTX, false, baseR4)).isPresent();
        assertThat(ShippedSnapshots.matching(CTX, false, "made-from-other-differentials")).isEmpty();
    }

    @Test
    void theFingerprintDependsOnTheBase() {
        Assumptions.assumeTrue(ConformancePackages.folder().isPresent(),
                "Skipped: shared/conformance is not beside this checkout");
        assertThat(ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.of(usCorePackage())))
                .isNotEqualTo(ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.empty()))
                .isEqualTo(ProfileFingerprint.of(CTX, DIFFERENTIALS, Optional.of(usCorePackage())));
    }

    private static synchronized ProfileSnapshots.Result onBaseR4() {
        if (onBaseR4 == null) {
            onBaseR4 = ProfileSnapshots.generate(CTX, Optional.empty());
        }
        return onBaseR4;
    }

    private static synchronized ProfileSnapshots.Result onUsCore() {
        if (onUsCore == null) {
            onUsCore = ProfileSnapshots.generate(CTX, Optional.of(usCorePackage()));
        }
        return onUsCore;
    }

    private static Path usCorePackage() {
        Optional<Path> folder = ConformancePackages.folder();
        Assumptions.assumeTrue(folder.isPresent(), "Skipped: shared/conformance is not beside this checkout");
        return folder.get().resolve(ConformancePackages.US_CORE_311);
    }

    private static List<String> json(List<StructureDefinition> profiles) {
        return profiles.stream().map(profile -> CTX.newJsonParser().encodeResourceToString(profile)).toList();
    }

    private static ElementDefinition element(ProfileSnapshots.Result result, String url, String id) {
        StructureDefinition profile = result.profiles().stream().filter(p -> p.getUrl().equals(url)).findFirst()
                .orElseThrow();
        return profile.getSnapshot().getElement().stream().filter(e -> e.getId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no element " + id + " in " + url));
    }
}
