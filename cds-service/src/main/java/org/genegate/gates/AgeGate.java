package org.genegate.gates;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.References;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.SourceClass;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Patient;

/** The product is labelled for adults: age in whole years on the order date must reach the minimum. */
public final class AgeGate implements Gate<AgeSettings> {

    public static final GateDefinition<AgeSettings> DEFINITION = new GateDefinition<>(AgeSettings.ID,
            new GateTitles("Age", "age under 18", "patient's age"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            AgeSettings.class, AgeSettings::read, policy -> new AgeGate());

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.PATIENT);
    }

    @Override
    public GateFinding evaluate(GateInput<AgeSettings> in) {
        Optional<Patient> patient = in.record().patient();
        // A birth year alone is read as 31 December, so a partial date never makes a minor look adult.
        Optional<LocalDate> birthDate = patient.flatMap(p -> FhirDates.latestDay(p.getBirthDateElement()));
        if (birthDate.isEmpty()) {
            return in.finding(GateStatus.MISSING,
                    in.product().name() + " is labelled for adults, and the patient's birth date is not on record.",
                    List.of(), List.of());
        }
        int age = Period.between(birthDate.get(), in.orderDate()).getYears();
        int minimum = in.policy().minimumAgeYears();
        Evidence evidence = new Evidence(References.of(patient.get()), "birth date", birthDate.get().toString(),
                birthDate.get());
        if (age < minimum) {
            return in.finding(GateStatus.FAIL, "Patient is " + age + " years old on " + in.orderDate()
                    + " (born " + birthDate.get() + "), and " + in.product().name()
                    + " is labelled for adults aged " + minimum
                    + " or older; " + in.policy().underAgeNote() + ".", List.of(evidence), List.of());
        }
        return in.finding(GateStatus.PASS, "Patient is " + age + " years old on " + in.orderDate() + ".",
                List.of(evidence), List.of());
    }
}
