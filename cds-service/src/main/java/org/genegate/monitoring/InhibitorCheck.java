package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.genegate.clinical.InhibitorTiters;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.Positivity;
import org.genegate.gates.FactorInhibitorSettings;
import org.genegate.policy.FactorMonitoring;
import org.genegate.policy.MonitoringSettings;
import org.genegate.record.PatientRecord;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Observation;

/**
 * Whether an inhibitor test of the followed factor after the infusion is positive, read with the threshold of the
 * policy's factor-inhibitor gate.
 */
final class InhibitorCheck implements PostInfusionCheck {

    private final MonitoringSettings settings;
    private final FactorInhibitorSettings inhibitor;
    private final CodeIndex codes;

    InhibitorCheck(MonitoringSettings settings, FactorInhibitorSettings inhibitor, CodeIndex codes) {
        this.settings = settings;
        this.inhibitor = inhibitor;
        this.codes = codes;
    }

    @Override
    public Optional<MonitoringAlert> check(MonitoringInput in) {
        PatientRecord record = in.record();
        LocalDate administered = in.administered();
        FactorMonitoring factor = settings.factor();
        for (Observation observation : Observations.results(record, codes, factor.inhibitorValueSet())) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isEmpty() || !day.get().isAfter(administered)) {
                continue;
            }
            if (InhibitorTiters.read(observation, inhibitor.positiveThresholdBu()) == Positivity.POSITIVE) {
                String text = Observations.valueText(observation) + " " + Observations.dated(observation);
                return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.INHIBITOR, settings.inhibitorSeverity(),
                        factor.inhibitor() + " positive after dosing (" + Observations.valueText(observation) + ")",
                        "A " + factor.inhibitor() + " test after the " + in.product().name() + " infusion (" + administered
                                + ") is positive: " + text
                                + " (positive at or above " + Numbers.plain(inhibitor.positiveThresholdBu())
                                + " BU). Confirm with a repeat Bethesda test and involve the hemophilia treatment "
                                + "center: " + factor.name() + " replacement may no longer work, and bleeding must be managed "
                                + "with the inhibitor in mind.\n\n_Source: " + inhibitor.source() + '_',
                        List.of(Observations.evidence(observation, factor.inhibitor() + " after "
                                + in.product().name())), List.of()));
            }
        }
        return Optional.empty();
    }
}
