package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where Hemgenix is given: a certified HTC or a payer-network gene-therapy center (a payer and
 * network rule, not label), in an inpatient or hospital outpatient setting (POS 21, 22, 19).
 */
public final class SiteOfCareGate implements Gate<SiteOfCareSettings> {

    public static final GateDefinition<SiteOfCareSettings> DEFINITION = new GateDefinition<>(SiteOfCareSettings.ID,
            new GateTitles("Site of care", "site of care", "site of care"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.PAYER),
            SiteOfCareSettings.class, SiteOfCareSettings::read, policy -> new SiteOfCareGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.ENCOUNTER);
    }

    @Override
    public GateFinding evaluate(GateInput<SiteOfCareSettings> in) {
        List<Resource> part = in.record().resources(RecordPart.ENCOUNTER, Resource.class);
        Optional<Encounter> encounter = encounter(in, part);
        if (encounter.isEmpty()) {
            return in.finding(GateStatus.MISSING, "The " + in.product().name()
                    + " order names no encounter, so its site of care "
                    + "cannot be checked against the payer's gene-therapy centers.", List.of(), List.of());
        }
        CodeIndex codes = in.codes();
        List<Evidence> evidence = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        for (Encounter.EncounterLocationComponent location : encounter.get().getLocation()) {
            References.resolve(location.getLocation(), Location.class, encounter.get(), part).ifPresent(locations::add);
        }

        Organization certified = null;
        List<Organization> organizations = new ArrayList<>();
        if (encounter.get().hasServiceProvider()) {
            References.resolve(encounter.get().getServiceProvider(), Organization.class, encounter.get(), part)
                    .ifPresent(organizations::add);
        }
        for (Location location : locations) {
            if (location.hasManagingOrganization()) {
                References.resolve(location.getManagingOrganization(), Organization.class, location, part)
                        .ifPresent(organizations::add);
            }
        }
        for (Organization organization : organizations) {
            if (certified == null && isGeneTherapyCenter(codes, organization)) {
                certified = organization;
            }
        }
        Coding placeOfService = null;
        Coding otherPlace = null;
        for (Location location : locations) {
            for (CodeableConcept type : location.getType()) {
                for (Coding coding : type.getCoding()) {
                    if (!GeneGateTerminology.POS.equals(coding.getSystem())) {
                        continue;
                    }
                    if (placeOfService == null && codes.contains(GeneGateTerminology.VS_PLACE_OF_SERVICE_ALLOWED, coding)) {
                        placeOfService = coding;
                    } else if (otherPlace == null) {
                        otherPlace = coding;
                    }
                }
            }
        }

        String site = organizations.isEmpty() ? "the encounter's organization" : name(organizations.get(0));
        evidence.add(new Evidence(References.of(encounter.get()), "ordering encounter", site, null));
        List<String> problems = new ArrayList<>();
        if (certified == null) {
            problems.add(organizations.isEmpty() ? "the encounter names no organization"
                    : site + " is not marked as a certified HTC or payer-network gene-therapy center");
        } else {
            evidence.add(new Evidence(References.of(certified), "gene-therapy center", name(certified), null));
        }
        if (placeOfService == null) {
            problems.add(otherPlace != null ? "place of service " + otherPlace.getCode() + " is not 19, 21 or 22"
                    : "no place of service (19, 21 or 22) is on the encounter's location");
        } else {
            evidence.add(new Evidence(null, "place of service", placeOfService.getCode(), null));
        }
        if (!problems.isEmpty()) {
            return in.finding(GateStatus.FAIL, "Site of care for " + in.product().name() + ": "
                    + String.join("; ", problems)
                    + " (a payer or network rule, not label: e.g. Aetna requires a GCIT network center; POS 19, 21 or 22).",
                    evidence, List.of());
        }
        return in.finding(GateStatus.PASS, in.product().name() + " is ordered at " + name(certified)
                + ", a gene-therapy center, "
                + "place of service " + placeOfService.getCode() + ".", evidence, List.of());
    }

    /** The order's encounter; with one Encounter in the part (the hook's encounterId), that one. */
    private static Optional<Encounter> encounter(GateInput<SiteOfCareSettings> in, List<Resource> part) {
        List<Encounter> encounters = new ArrayList<>();
        for (Resource resource : part) {
            if (resource instanceof Encounter encounter) {
                encounters.add(encounter);
            }
        }
        if (in.order().request().hasEncounter()) {
            Optional<Encounter> named = References.resolve(in.order().request().getEncounter(), Encounter.class,
                    in.order().request(), encounters);
            if (named.isPresent()) {
                return named;
            }
        }
        return encounters.stream().findFirst();
    }

    private static boolean isGeneTherapyCenter(CodeIndex codes, Organization organization) {
        for (CodeableConcept type : organization.getType()) {
            if (codes.firstMatch(GeneGateTerminology.VS_GENE_THERAPY_CENTER, type).isPresent()) {
                return true;
            }
        }
        if (!organization.hasMeta()) {
            return false;
        }
        for (Coding tag : organization.getMeta().getTag()) {
            if (codes.contains(GeneGateTerminology.VS_GENE_THERAPY_CENTER, tag)) {
                return true;
            }
        }
        return false;
    }

    private static String name(Organization organization) {
        if (organization.hasName()) {
            return organization.getName();
        }
        String reference = References.of(organization);
        return reference == null ? "the organization" : reference;
    }
}
