package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.genegate.profiles.ConformanceValidator;
import org.genegate.profiles.GeneGateProfiles;
import org.genegate.profiles.ProfileFingerprint;
import org.genegate.profiles.Scenario;
import org.genegate.profiles.Scenarios;
import org.genegate.server.AbstractServerIT;
import org.genegate.server.profiles.ProfileInstaller;
import org.genegate.server.profiles.ProfileRequestValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GeneGate's profiles in the running server ($validate, request validation, CapabilityStatement), and offline
 * HL7 validation of everything the service emits: every resource a card suggestion or system action carries,
 * for every scenario's order-sign, and the CapabilityStatement. 0 errors; unknown profiles and terminology of
 * packages not at hand count as information. Needs shared/conformance for the offline part (skipped without).
 */
class ConformanceValidationIT extends AbstractServerIT {

    private static final String CRD = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/";

    @Autowired
    private ProfileInstaller profileInstaller;

    @Autowired
    private DaoRegistry daoRegistry;

    @Autowired
    private RestfulServer restfulServer;

    @Autowired
    private IInstanceValidatorModule instanceValidator;

    @Test
    void everyResourceInSuggestionsAndSystemActionsConforms() {
        ConformanceValidator validator = offlineValidator();
        HookClient client = new HookClient(port);
        List<String> errors = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Scenario scenario : Scenarios.all()) {
            JsonNode response = client.post("/cds-services/" + CdsServiceCatalog.ORDER_SIGN_ID,
                    client.orderSign(scenario).toString()).json();
            List<JsonNode> actions = new ArrayList<>();
            response.get("cards").forEach(card -> card.path("suggestions")
                    .forEach(s -> s.get("actions").forEach(actions::add)));
            response.path("systemActions").forEach(actions::add);
            for (JsonNode action : actions) {
                if (!action.has("resource")) {
                    continue;
                }
                Resource resource = (Resource) fhirContext.newJsonParser().parseResource(action.get("resource").toString());
                List<String> profiles = profilesFor(resource);
                seen.add(resource.fhirType());
                for (String profile : profiles) {
                    validator.errors(resource, profile).forEach(e -> errors.add(scenario.id() + ": " + e));
                }
            }
        }
        assertThat(seen).contains("MedicationRequest", "ServiceRequest", "CarePlan");
        assertThat(errors).isEmpty();
    }

    /** CRD's profile for orders, GeneGate's where it has one. */
    private static List<String> profilesFor(Resource resource) {
        List<String> profiles = new ArrayList<>();
        switch (resource.fhirType()) {
            case "MedicationRequest", "ServiceRequest", "DeviceRequest", "NutritionOrder", "CommunicationRequest" ->
                    profiles.add(CRD + "profile-" + resource.fhirType().toLowerCase(Locale.ROOT));
            default -> { }
        }
        if (resource instanceof org.hl7.fhir.r4.model.MedicationRequest order && order.hasMedicationCodeableConcept()
                && order.getMedicationCodeableConcept().getCoding().stream().anyMatch(c -> "J1411".equals(c.getCode()))) {
            profiles.add(GeneGateProfiles.J1411_MEDICATION_REQUEST);
        }
        if (resource.fhirType().equals("CarePlan")) {
            profiles.add(GeneGateProfiles.MONITORING_CARE_PLAN);
        }
        if (profiles.isEmpty()) {
            profiles.add("http://hl7.org/fhir/StructureDefinition/" + resource.fhirType());
        }
        return profiles;
    }

    @Test
    void capabilityStatementListsTheProfilesAndValidates() {
        CapabilityStatement statement = parse(CapabilityStatement.class, fhirGet("metadata"));

        for (String[] expected : new String[][] {{"Observation", GeneGateProfiles.AAV5_NAB_TITER},
                {"Observation", GeneGateProfiles.FIX_ACTIVITY}, {"Observation", GeneGateProfiles.FIX_INHIBITOR},
                {"MedicationRequest", GeneGateProfiles.J1411_MEDICATION_REQUEST},
                {"CarePlan", GeneGateProfiles.MONITORING_CARE_PLAN}}) {
            CapabilityStatement.CapabilityStatementRestResourceComponent resource = statement.getRestFirstRep()
                    .getResource().stream().filter(r -> r.getType().equals(expected[0])).findFirst().orElseThrow();
            assertThat(resource.getSupportedProfile()).extracting(p -> p.getValue()).contains(expected[1]);
        }
        // Not US Core: this server has no DocumentReference/$docref, which US Core 3.1.1 servers SHALL have.
        assertThat(statement.getInstantiates()).isEmpty();

        assertThat(offlineValidator().errors(statement)).isEmpty();
    }

    @Test
    void profilesAreInstalledWithSnapshotsAndAReinstallChangesNothing() {
        for (String url : List.of(GeneGateProfiles.AAV5_NAB_TITER, GeneGateProfiles.FIX_ACTIVITY,
                GeneGateProfiles.FIX_INHIBITOR, GeneGateProfiles.J1411_MEDICATION_REQUEST,
                GeneGateProfiles.MONITORING_CARE_PLAN)) {
            Bundle found = parse(Bundle.class, fhirGet("StructureDefinition?url=" + url));
            assertThat(found.getEntry()).as(url).hasSize(1);
            StructureDefinition profile = (StructureDefinition) found.getEntryFirstRep().getResource();
            assertThat(profile.getSnapshot().getElement()).as(url).isNotEmpty();
        }
        ProfileInstaller.Installation again = profileInstaller.install();
        assertThat(again.summary().unchanged()).isEqualTo(5);
        assertThat(again.snapshots()).as("snapshots installed again on a restart")
                .isEqualTo(ProfileInstaller.Snapshots.ALREADY_INSTALLED);
    }

    @Test
    void aProfileStoredFromOtherDifferentialsIsUpdatedFromTheShippedSnapshots() {
        IFhirResourceDao<StructureDefinition> dao = daoRegistry.getResourceDao(StructureDefinition.class);
        StructureDefinition installed = dao.read(new IdType("StructureDefinition", "fix-activity"),
                new SystemRequestDetails());
        installed.getIdentifier().stream()
                .filter(identifier -> ProfileFingerprint.SYSTEM.equals(identifier.getSystem()))
                .forEach(identifier -> identifier.setValue("made-by-an-earlier-release"));
        dao.update(installed, new SystemRequestDetails());

        ProfileInstaller.Installation upgrade = profileInstaller.install();
        ProfileInstaller.Installation restart = profileInstaller.install();

        assertThat(upgrade.snapshots()).isEqualTo(ProfileInstaller.Snapshots.SHIPPED);
        assertThat(upgrade.summary().updated()).isEqualTo(1);
        assertThat(upgrade.summary().unchanged()).isEqualTo(4);
        assertThat(restart.snapshots()).isEqualTo(ProfileInstaller.Snapshots.ALREADY_INSTALLED);
    }

    @Test
    void validateOperationChecksAGeneGateProfile() {
        String profile = "Observation/$validate?profile=" + GeneGateProfiles.AAV5_NAB_TITER;

        OperationOutcome good = parse(OperationOutcome.class, fhirPost(profile,
                fhirContext.newJsonParser().encodeResourceToString(nabTiter(false))));
        OperationOutcome bad = parse(OperationOutcome.class, fhirPost(profile,
                fhirContext.newJsonParser().encodeResourceToString(nabTiter(true))));

        assertThat(errors(good)).isEmpty();
        assertThat(errors(bad)).isNotEmpty();
    }

    @Test
    void requestValidationRefusesAWriteThatBreaksTheProfileItClaims() {
        Observation bad = nabTiter(true);
        bad.getMeta().addProfile(GeneGateProfiles.AAV5_NAB_TITER);
        String badJson = fhirContext.newJsonParser().encodeResourceToString(bad);
        // Off by default (genegate.validation.requests=false): stored as sent.
        assertThat(fhirPost("Observation", badJson).statusCode()).isEqualTo(201);

        ProfileRequestValidator validation = new ProfileRequestValidator(fhirContext, instanceValidator);
        restfulServer.registerInterceptor(validation);
        try {
            HttpResponse<String> refused = fhirPost("Observation", badJson);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(errors(parse(OperationOutcome.class, refused))).isNotEmpty();

            Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            transaction.addEntry().setResource(bad).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
            assertThat(fhirPost("", fhirContext.newJsonParser().encodeResourceToString(transaction)).statusCode())
                    .isEqualTo(422);

            Observation good = nabTiter(false);
            good.getMeta().addProfile(GeneGateProfiles.AAV5_NAB_TITER);
            assertThat(fhirPost("Observation", fhirContext.newJsonParser().encodeResourceToString(good)).statusCode())
                    .isEqualTo(201);
            // A resource that claims no GeneGate profile is left alone.
            assertThat(fhirPost("Observation", fhirContext.newJsonParser().encodeResourceToString(nabTiter(true)))
                    .statusCode()).isEqualTo(201);
        } finally {
            restfulServer.unregisterInterceptor(validation);
        }
    }

    /** An anti-AAV5 NAb titer for the eligible patient; broken = the titer sent as text, without its assay. */
    private static Observation nabTiter(boolean broken) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://genegate.org/fhir/CodeSystem/genegate",
                        "aav5-nab-titer", "Adeno-associated virus 5 neutralizing antibody [Titer] in Serum or Plasma by "
                        + "Transduction inhibition assay")))
                .setSubject(new Reference("Patient/eligible-patient"));
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2026-11-06"));
        if (broken) {
            observation.setValue(new StringType("1:900"));
        } else {
            observation.setValue(new Ratio().setNumerator(new Quantity(1)).setDenominator(new Quantity(200)));
            observation.setMethod(new CodeableConcept().setText("AAV5 transduction inhibition assay"));
        }
        return observation;
    }

    private static List<String> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL)
                .map(i -> i.getDiagnostics()).toList();
    }

    private static ConformanceValidator offlineValidator() {
        Optional<ConformanceValidator> validator = ConformanceValidator.offline(FhirContext.forR4Cached());
        Assumptions.assumeTrue(validator.isPresent(), "Skipped: shared/conformance with the US Core 3.1.1 and CRD "
                + "2.0.1 packages is not beside this checkout");
        return validator.get();
    }
}
