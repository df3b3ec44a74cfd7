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
import org.genegate.orders.Prescriber;
import org.genegate.record.RecordPart;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PractitionerRole;

/**
 * Payers want a hematologist or hemophilia specialist to prescribe (Aetna also accepts one in
 * consultation), so this only informs. The prescriber is the requester, else the signing user, else the
 * performer ({@link Prescriber}); an order that names none is "missing", never a failed prescriber.
 */
public final class PrescriberGate implements Gate<PrescriberSettings> {

    public static final GateDefinition<PrescriberSettings> DEFINITION = new GateDefinition<>(PrescriberSettings.ID,
            new GateTitles("Prescriber", "prescriber", "prescriber's specialty"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.PAYER),
            PrescriberSettings.class, PrescriberSettings::read, policy -> new PrescriberGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.PRACTITIONER_ROLES);
    }

    @Override
    public GateFinding evaluate(GateInput<PrescriberSettings> in) {
        Optional<Prescriber> prescriber = in.order().prescriber();
        if (prescriber.isEmpty()) {
            // No requester, signing user or performer to judge: a gap in what was sent, never a failed prescriber.
            return in.finding(GateStatus.MISSING, "The order names no prescriber (no requester, signing user or "
                    + "performer that is a Practitioner or PractitionerRole), so the specialty cannot be checked.",
                    List.of(), List.of());
        }
        List<PractitionerRole> roles = in.record().resources(RecordPart.PRACTITIONER_ROLES, PractitionerRole.class);
        if (roles.isEmpty()) {
            return in.finding(GateStatus.MISSING, "No PractitionerRole is on record for the prescriber ("
                    + prescriber.get().who() + "), so the specialty cannot be checked.", List.of(), List.of());
        }
        List<PractitionerRole> prescriberRoles = rolesOf(prescriber.get(), roles);
        for (PractitionerRole role : prescriberRoles) {
            for (CodeableConcept specialty : role.getSpecialty()) {
                Optional<Coding> match = in.codes().firstMatch(GeneGateTerminology.VS_HEMATOLOGY_SPECIALTY, specialty);
                if (match.isPresent()) {
                    String shown = in.display(match.get());
                    return in.finding(GateStatus.PASS, "The prescriber's specialty is " + shown + ".",
                            List.of(new Evidence(References.of(role), "prescriber specialty", shown, null)), List.of());
                }
            }
        }
        String who = prescriber.get().who();
        List<Evidence> evidence = new ArrayList<>();
        for (PractitionerRole role : prescriberRoles) {
            evidence.add(new Evidence(References.of(role), "prescriber role", specialties(role), null));
        }
        return in.finding(GateStatus.FAIL, (prescriberRoles.isEmpty() ? "No role of " + who + " is on record"
                : who + " has no hematology specialty on record (" + specialties(prescriberRoles.get(0)) + ")")
                + "; payers expect " + in.product().name()
                + " to be prescribed by, or in consultation with, a hematologist.",
                evidence, List.of());
    }

    /** The prescriber's roles: the role itself, or the roles of the prescribing practitioner. */
    private static List<PractitionerRole> rolesOf(Prescriber prescriber, List<PractitionerRole> roles) {
        List<PractitionerRole> matching = new ArrayList<>();
        for (PractitionerRole role : roles) {
            boolean isTheRole = prescriber.isRole() && prescriber.id().equals(role.getIdElement().getIdPart());
            boolean ofThePractitioner = !prescriber.isRole()
                    && References.idPart(role.getPractitioner()).filter(prescriber.id()::equals).isPresent();
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
