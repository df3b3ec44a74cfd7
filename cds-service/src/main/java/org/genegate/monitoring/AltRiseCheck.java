package org.genegate.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.findings.Evidence;
import org.genegate.gates.BaselineLiverSettings;
import org.genegate.policy.MonitoringSettings;
import org.genegate.record.PatientRecord;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Whether ALT after the infusion is above the upper limit of normal (the lab's own, else the baseline liver
 * settings' default) or above a multiple of the pre-infusion baseline.
 */
final class AltRiseCheck implements PostInfusionCheck {

    private final MonitoringSettings settings;
    private final BaselineLiverSettings liver;

    AltRiseCheck(MonitoringSettings settings, BaselineLiverSettings liver) {
        this.settings = settings;
        this.liver = liver;
    }

    @Override
    public Optional<MonitoringAlert> check(MonitoringInput in) {
        PatientRecord record = in.record();
        LocalDate administered = in.administered();
        List<Observation> alt = Observations.results(record, GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_ALT);
        Observation latest = null;
        Observation baseline = null;
        for (Observation observation : alt) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isEmpty() || Observations.quantity(observation).map(Quantity::getValue).isEmpty()) {
                continue;
            }
            if (day.get().isAfter(administered)) {
                latest = latest == null ? observation : latest;
            } else if (baseline == null) {
                baseline = observation;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        Quantity value = Observations.quantity(latest).orElseThrow();
        List<String> reasons = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>(List.of(Observations.evidence(latest, "ALT after "
                + in.product().name())));
        Optional<BigDecimal> uln = liver.upperLimit(latest, value, GeneGateTerminology.LOINC_ALT);
        if (uln.isPresent()) {
            BigDecimal limit = uln.get().multiply(settings.altUlnMultiple());
            if (value.getValue().compareTo(limit) > 0) {
                reasons.add("above the upper limit of normal (" + limitText(settings.altUlnMultiple(), "ULN",
                        uln.get(), limit, value) + ")");
            }
        }
        if (baseline != null) {
            BigDecimal base = Observations.quantity(baseline).orElseThrow().getValue();
            BigDecimal limit = base.multiply(settings.altBaselineMultiple());
            evidence.add(Observations.evidence(baseline, "ALT before " + in.product().name() + " (baseline)"));
            if (value.getValue().compareTo(limit) > 0) {
                reasons.add("above " + Numbers.plain(settings.altBaselineMultiple()) + " x the pre-infusion baseline ("
                        + Numbers.plain(base) + " " + unit(value) + " " + Observations.dated(baseline) + ", limit "
                        + Numbers.plain(limit.setScale(1, RoundingMode.HALF_UP)) + " " + unit(value) + ")");
            }
        }
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        String latestText = Numbers.plain(value.getValue()) + " " + unit(value);
        String detail = "ALT " + latestText + " " + Observations.dated(latest) + " is " + String.join(" and ", reasons)
                + ".\n\nThese trigger thresholds (above the upper limit of normal or above "
                + Numbers.plain(settings.altBaselineMultiple()) + " x baseline) are " + settings.altTriggerSource()
                + "; the label sets no number. "
                + "The US label says to consider corticosteroids for an ALT rise after " + in.product().name()
                + ": decide on a "
                + "course per the label and the site's protocol, with hepatology, and keep testing ALT and "
                + settings.factor().activity() + ". No fixed corticosteroid dose or taper is US label text.\n\n_Source: "
                + settings.source() + '_';
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.ALT_RISE, settings.altRiseSeverity(),
                "ALT " + latestText + " " + (reasons.size() == 2 ? "above ULN and 2 x baseline"
                        : reasons.get(0).startsWith("above the upper") ? "above ULN" : "above 2 x baseline")
                        + ": consider corticosteroids", detail, evidence, List.of()));
    }

    private static String limitText(BigDecimal multiple, String what, BigDecimal base, BigDecimal limit,
                                    Quantity value) {
        String text = what + " " + Numbers.plain(base) + " " + unit(value);
        return multiple.compareTo(BigDecimal.ONE) == 0 ? text
                : Numbers.plain(multiple) + " x " + text + " = " + Numbers.plain(limit) + " " + unit(value);
    }

    private static String unit(Quantity value) {
        return value.hasUnit() ? value.getUnit() : value.hasCode() ? value.getCode() : "";
    }
}
