package org.genegate.monitoring;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.genegate.clinical.Numbers;
import org.genegate.clinical.Observations;
import org.genegate.clinical.References;
import org.genegate.clinical.Units;
import org.genegate.findings.Severity;
import org.genegate.policy.FactorMonitoring;
import org.genegate.policy.MonitoringSettings;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whether the followed factor's activity (FIX after Hemgenix, FVIII after Roctavian) is falling after the infusion,
 * comparing like with like: results of the same LOINC code, unit and method, none taken within the washout window
 * after a dose of a factor product of the policy's products value set (then the result measures the product, not
 * the gene therapy). When only unlike results would show a fall, it says that they cannot be
 * compared instead of raising a fall or staying silent.
 */
final class FixActivityTrend implements PostInfusionCheck {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A factor product dose and how long its washout lasts. */
    private record Dose(LocalDate day, int washoutDays, String name) {
    }

    private final MonitoringSettings settings;
    private final CodeIndex codes;

    FixActivityTrend(MonitoringSettings settings, CodeIndex codes) {
        this.settings = settings;
        this.codes = codes;
    }

    @Override
    public Optional<MonitoringAlert> check(MonitoringInput in) {
        PatientRecord record = in.record();
        LocalDate administered = in.administered();
        List<Observation> after = new ArrayList<>();
        for (Observation observation : Observations.results(record, codes, settings.factor().activityValueSet())) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isPresent() && day.get().isAfter(administered) && value(observation).isPresent()) {
                after.add(observation);
            }
        }
        if (after.size() < 2) {
            return Optional.empty();
        }
        List<Dose> doses = fixProductDoses(record);
        List<Observation> clean = after.stream().filter(o -> afterDose(o, doses).isEmpty()).toList();
        if (!clean.isEmpty()) {
            Observation latest = clean.get(0);
            List<Observation> alike = clean.stream().filter(o -> kind(o).equals(kind(latest))).toList();
            Observation peak = alike.stream().max(Comparator.comparing(o -> value(o).orElseThrow())).orElseThrow();
            if (peak != latest && isFall(peak, latest)) {
                return Optional.of(fall(peak, latest, in.product().name()));
            }
        }
        // Unlike results: would they show a fall? Then say why they cannot be compared.
        Observation latest = after.get(0);
        Observation peak = after.stream().max(Comparator.comparing(o -> value(o).orElseThrow())).orElseThrow();
        if (peak == latest || !isFall(peak, latest)) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (Observation observation : List.of(peak, latest)) {
            afterDose(observation, doses).ifPresent(dose -> reasons.add(text(observation) + " was taken "
                    + ChronoUnit.DAYS.between(dose.day(), Observations.effectiveDate(observation)
                    .orElseThrow()) + " days after " + dose.name() + " on " + dose.day() + ", within its "
                    + dose.washoutDays() + "-day washout: it measures the product, not the gene therapy"));
        }
        if (!kind(peak).equals(kind(latest))) {
            reasons.add("the results differ in test, unit or method (" + describe(peak) + " vs " + describe(latest)
                    + ")");
        }
        FactorMonitoring factor = settings.factor();
        String activity = factor.activity();
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.FIX_ACTIVITY_NOT_COMPARABLE, Severity.INFO,
                activity + " results cannot be compared",
                activity + " after the " + in.product().name() + " infusion was " + text(peak) + " and is "
                        + text(latest) + ", but these cannot be compared: " + String.join("; ", reasons)
                        + ". Repeat " + activity + " with the same assay, outside a factor product's washout, to "
                        + "tell whether it is falling.\n\n"
                        + "_Source: team default (compare like with like; washout windows are team defaults)_",
                List.of(Observations.evidence(peak, "highest " + activity + " after " + in.product().name()),
                        Observations.evidence(latest, "latest " + activity)), List.of()));
    }

    private boolean isFall(Observation peak, Observation latest) {
        BigDecimal floor = value(peak).orElseThrow().multiply(HUNDRED.subtract(settings.fixActivityDropPercent()))
                .divide(HUNDRED, 4, RoundingMode.HALF_UP);
        return value(latest).orElseThrow().compareTo(floor) < 0;
    }

    private MonitoringAlert fall(Observation peak, Observation latest, String product) {
        BigDecimal peakValue = value(peak).orElseThrow();
        BigDecimal latestValue = value(latest).orElseThrow();
        BigDecimal drop = peakValue.subtract(latestValue).multiply(HUNDRED).divide(peakValue, 0, RoundingMode.HALF_UP);
        FactorMonitoring factor = settings.factor();
        String activity = factor.activity();
        return new MonitoringAlert(MonitoringAlert.Kind.FIX_ACTIVITY_FALL, settings.fixActivityFallSeverity(),
                activity + " falling (" + Numbers.plain(peakValue) + " % to " + Numbers.plain(latestValue) + " %)",
                activity + " after the " + product + " infusion fell from " + Numbers.plain(peakValue) + " % "
                        + Observations.dated(peak) + " to " + Numbers.plain(latestValue) + " % "
                        + Observations.dated(latest) + " (" + drop + " % lower, same test, unit and method, no "
                        + "factor product within its washout; the policy flags more than "
                        + Numbers.plain(settings.fixActivityDropPercent()) + " %). Check for a " + factor.inhibitor()
                        + " and for an ALT rise (loss of transduced liver cells), review bleeding, and plan for "
                        + factor.name() + " prophylaxis if activity stays low.\n\n_Source: " + settings.source() + '_',
                List.of(Observations.evidence(peak, "highest " + activity + " after " + product),
                        Observations.evidence(latest, "latest " + activity)), List.of());
    }

    /** Factor product doses on record (completed administrations of a product in the policy's products value set). */
    private List<Dose> fixProductDoses(PatientRecord record) {
        String productsValueSet = settings.factor().productsValueSet();
        if (productsValueSet.isEmpty()) {
            return List.of();
        }
        List<Resource> part = record.resources(RecordPart.MEDICATION_ADMINISTRATIONS, Resource.class);
        List<Dose> doses = new ArrayList<>();
        for (MedicationAdministration administration
                : record.resources(RecordPart.MEDICATION_ADMINISTRATIONS, MedicationAdministration.class)) {
            if (administration.getStatus() != MedicationAdministration.MedicationAdministrationStatus.COMPLETED) {
                continue;
            }
            Optional<CodeableConcept> product = product(administration, part);
            Optional<LocalDate> day = PostInfusionMonitor.administeredOn(administration);
            if (product.isEmpty() || day.isEmpty()
                    || codes.firstMatch(productsValueSet, product.get()).isEmpty()) {
                continue;
            }
            String name = name(product.get());
            boolean extended = settings.extendedHalfLifeProducts().stream()
                    .anyMatch(n -> name.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT)));
            doses.add(new Dose(day.get(), extended ? settings.extendedHalfLifeWashoutDays()
                    : settings.standardHalfLifeWashoutDays(), name));
        }
        return doses;
    }

    private static Optional<CodeableConcept> product(MedicationAdministration administration, List<Resource> part) {
        if (administration.getMedication() instanceof CodeableConcept concept) {
            return Optional.of(concept);
        }
        if (administration.getMedication() instanceof Reference reference) {
            return References.resolve(reference, Medication.class, administration, part).map(Medication::getCode);
        }
        return Optional.empty();
    }

    private static String name(CodeableConcept product) {
        List<String> parts = new ArrayList<>();
        if (product.hasText()) {
            parts.add(product.getText());
        }
        for (Coding coding : product.getCoding()) {
            parts.add(coding.hasDisplay() ? coding.getDisplay() : coding.getCode());
        }
        return parts.isEmpty() ? "a factor product" : String.join(" / ", parts);
    }

    private static Optional<Dose> afterDose(Observation observation, List<Dose> doses) {
        LocalDate day = Observations.effectiveDate(observation).orElseThrow();
        return doses.stream().filter(d -> !day.isBefore(d.day()) && !day.isAfter(d.day().plusDays(d.washoutDays())))
                .findFirst();
    }

    /** What must match for two results to be compared: test code, unit and method. */
    private static String kind(Observation observation) {
        String code = observation.getCode().getCoding().stream().filter(Coding::hasCode)
                .map(c -> c.getSystem() + "|" + c.getCode()).findFirst().orElse("");
        Quantity quantity = Observations.quantity(observation).orElseThrow();
        String unit = Units.normalize(quantity.hasCode() ? quantity.getCode() : quantity.getUnit());
        return code + "#" + unit + "#" + method(observation);
    }

    private static String method(Observation observation) {
        if (!observation.hasMethod()) {
            return "";
        }
        return observation.getMethod().getCoding().stream().filter(Coding::hasCode)
                .map(c -> c.getSystem() + "|" + c.getCode()).findFirst()
                .orElse(observation.getMethod().getText() == null ? ""
                        : observation.getMethod().getText().strip().toLowerCase(Locale.ROOT));
    }

    private static String describe(Observation observation) {
        Quantity quantity = Observations.quantity(observation).orElseThrow();
        String method = observation.hasMethod() ? (observation.getMethod().hasText() ? observation.getMethod().getText()
                : observation.getMethod().getCodingFirstRep().getDisplay()) : null;
        return Observations.codeOf(observation, GeneGateTerminology.LOINC) + " in " + Units.label(quantity)
                + (method == null ? ", method not stated" : ", " + method);
    }

    private static String text(Observation observation) {
        return Observations.valueText(observation) + " " + Observations.dated(observation);
    }

    /** FIX activity as a number in its own unit (1 IU/dL = 1 %, but results are compared only within one unit). */
    private static Optional<BigDecimal> value(Observation observation) {
        return Observations.quantity(observation).map(Quantity::getValue);
    }
}
