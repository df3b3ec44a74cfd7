package org.genegate.gates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.policy.PrescriberSettings;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

/**
 * Payers want a hematologist or hemophilia specialist to prescribe (Aetna also accepts one in
 * consultation), so this only informs.
 */
public final class PrescriberGate implements Gate<PrescriberSettings> {

    @Override
    public String id() {
        return PrescriberSettings.ID;
    }

    @Override
    public String title() {
        return "prescriber's specialty";
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.PRACTITIONER_ROLES);
    }

    @Override
    public GateFinding evaluate(GateInput<PrescriberSettings> in) {
        List<PractitionerRole> roles = in.record().resources(RecordPart.PRACTITIONER_ROLES, PractitionerRole.class);
        if (roles.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No PractitionerRole is on record for the prescriber, so the "
                    + "specialty cannot be checked.", List.of(), List.of());
        }
        Reference requester = in.order().request().hasRequester() ? in.order().request().getRequester()
                : new Reference();
        List<PractitionerRole> requesterRoles = rolesOf(requester, roles);
        for (PractitionerRole role : requesterRoles) {
            for (CodeableConcept specialty : role.getSpecialty()) {
                Optional<Coding> match = in.codes().firstMatch(GeneGateTerminology.VS_HEMATOLOGY_SPECIALTY, specialty);
                if (match.isPresent()) {
                    String shown = in.display(match.get());
                    return in.finding(GateStatus.PASS, "The prescriber's specialty is " + shown + ".",
                            List.of(new Evidence(References.of(role), "prescriber specialty", shown, null)), List.of());
                }
            }
        }
        String who = requester.hasDisplay() ? requester.getDisplay()
                : requester.hasReference() ? requester.getReference() : "the order's requester";
        List<Evidence> evidence = new ArrayList<>();
        for (PractitionerRole role : requesterRoles) {
            evidence.add(new Evidence(References.of(role), "prescriber role", specialties(role), null));
        }
        return in.finding(GateStatus.FAIL, (requesterRoles.isEmpty() ? "No role of " + who + " is on record"
                : who + " has no hematology specialty on record (" + specialties(requesterRoles.get(0)) + ")")
                + "; payers expect Hemgenix to be prescribed by, or in consultation with, a hematologist.",
                evidence, List.of());
    }

    /** The roles of the requester: the role itself, or the roles of the requesting practitioner. */
    private static List<PractitionerRole> rolesOf(Reference requester, List<PractitionerRole> roles) {
        List<PractitionerRole> matching = new ArrayList<>();
        Optional<String> id = References.idPart(requester);
        if (id.isEmpty()) {
            return matching;
        }
        String type = References.type(requester).orElse("");
        for (PractitionerRole role : roles) {
            boolean isTheRole = "PractitionerRole".equals(type) && id.get().equals(role.getIdElement().getIdPart());
            boolean ofThePractitioner = "Practitioner".equals(type)
                    && id.equals(References.idPart(role.getPractitioner()));
            if (isTheRole || ofThePractitioner) {
                matching.add(role);
            }
        }
        return matching;
    }

    private static String specialties(PractitionerRole role) {
        List<String> names = new ArrayList<>();
        for (CodeableConcept specialty : role.getSpecialty()) {
            for (Coding coding : specialty.getCoding()) {
                names.add(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
            }
        }
        return names.isEmpty() ? "no specialty" : String.join(", ", names);
    }
}
