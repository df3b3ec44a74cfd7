package org.genegate.monitoring;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.genegate.clinical.LiverCancerRisk;
import org.genegate.clinical.Observations;
import org.genegate.findings.Evidence;
import org.genegate.findings.Remedy;
import org.genegate.policy.FactorMonitoring;
import org.genegate.policy.MonitoringSettings;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.genegate.terminology.CodeIndex;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Which items of the post-infusion schedule are past their date with no result on record: the weekly ALT, AST
 * and factor activity (Hemgenix: FIX, 12 weeks; Roctavian: ALT and FVIII, 26 weeks; and on while ALT stays above
 * the pre-infusion baseline), the policy's follow-up months (Hemgenix: every 3 months to month 12, every 6 months in
 * year 2, yearly to year 5 and yearly after; none where the policy sets none), the yearly liver
 * ultrasound and alpha-fetoprotein of a patient with liver-cancer risk factors, and, apart, the reporting dates
 * of a payer's outcomes-based agreement, which are a contract's and never presented as clinical duties.
 */
final class MonitoringSchedule {

    private record Item(String name, String system, String code, String valueSet) {
    }

    private static final Item ALT = new Item("ALT", GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_ALT, null);
    private static final Item AST = new Item("AST", GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AST, null);
    private static final Item AFP = new Item("alpha-fetoprotein", GeneGateTerminology.LOINC,
            GeneGateTerminology.LOINC_AFP, null);
    private static final Item ULTRASOUND = new Item("liver ultrasound", GeneGateTerminology.CODE_SYSTEM,
            GeneGateTerminology.LIVER_ULTRASOUND, null);

    /** How far past the last follow-up month the yearly visits are counted. */
    private static final int MAX_YEARS = 100;

    private final MonitoringSettings settings;
    private final CodeIndex codes;
    /** The weekly and follow-up tests: ALT, AST where the policy tests it weekly, and the factor's activity. */
    private final List<Item> labs;
    /** What an outcomes-based agreement reports at its milestones. */
    private final List<Item> outcomes;

    MonitoringSchedule(MonitoringSettings settings, CodeIndex codes) {
        this.settings = settings;
        this.codes = codes;
        FactorMonitoring factor = settings.factor();
        Item activity = new Item(factor.activity(), GeneGateTerminology.LOINC, factor.activityCode(),
                factor.activityValueSet());
        this.labs = settings.weeklyAst() ? List.of(ALT, AST, activity) : List.of(ALT, activity);
        this.outcomes = List.of(activity,
                new Item("annualized bleeding rate", GeneGateTerminology.CODE_SYSTEM,
                        GeneGateTerminology.ANNUALIZED_BLEEDING_RATE, null),
                new Item(factor.productUse(), GeneGateTerminology.CODE_SYSTEM,
                        GeneGateTerminology.FIX_PRODUCT_USE, null));
    }

    /** The clinical items past their date: weekly, follow-up and liver surveillance. */
    Optional<MonitoringAlert> overdue(MonitoringInput in) {
        PatientRecord record = in.record();
        LocalDate administered = in.administered();
        LocalDate asOf = in.asOf();
        Evidence administration = in.administration();
        List<String> liverCancerRiskFactors = in.liverCancerRiskFactors();
        Map<String, List<String>> missed = new LinkedHashMap<>();
        Set<Item> toOrder = new LinkedHashSet<>();
        Optional<BigDecimal> baseline = baselineAlt(record, administered);
        for (Item test : labs) {
            List<String> weeks = missedWeeks(record, test, administered, asOf, baseline);
            if (!weeks.isEmpty()) {
                boolean beyond = weeks.stream().anyMatch(w -> Integer.parseInt(w) > settings.weeklyTestWeeks());
                missed.put(test.name() + " (weekly)", List.of((weeks.size() == 1 ? "week " : "weeks ")
                        + String.join(", ", weeks) + (beyond ? " (weekly beyond week " + settings.weeklyTestWeeks()
                        + " while ALT stays above the pre-infusion baseline)" : "")));
                toOrder.add(test);
            }
        }
        List<String> followUps = new ArrayList<>();
        for (LocalDate due : followUpDays(administered, asOf)) {
            List<String> items = missing(record, labs, due, settings.followUpGraceDays(), asOf, toOrder);
            if (!items.isEmpty()) {
                followUps.add(monthsAfter(administered, due) + "-month follow-up (due " + due + "): "
                        + String.join(", ", items));
            }
        }
        if (!followUps.isEmpty()) {
            missed.put("Follow-up", followUps);
        }
        if (!liverCancerRiskFactors.isEmpty()) {
            List<String> surveillance = new ArrayList<>();
            for (int year = 1; year <= settings.liverSurveillanceYears(); year++) {
                LocalDate due = administered.plusYears(year);
                List<String> items = missing(record, List.of(ULTRASOUND, AFP), due, settings.followUpGraceDays(), asOf,
                        toOrder);
                if (!items.isEmpty()) {
                    surveillance.add("year " + year + " (due " + due + "): " + String.join(", ", items));
                }
            }
            if (!surveillance.isEmpty()) {
                missed.put("Liver surveillance (yearly)", List.of(String.join("; ", surveillance)
                        + " (risk factors: " + String.join(", ", liverCancerRiskFactors) + ")"));
            }
        }
        if (missed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder detail = new StringBuilder("Counted from the " + in.product().name() + " infusion on "
                + administered + ", as of " + asOf + ", these are past their date with no result on record:\n");
        missed.forEach((what, when) -> detail.append("\n- **").append(what).append("**: ")
                .append(String.join("; ", when)));
        detail.append("\n\n_Source: ").append(settings.source()).append('_');
        String summary = "overdue " + String.join(", ", missed.keySet().stream().map(k -> switch (k) {
            case "Follow-up" -> "follow-up";
            case "Liver surveillance (yearly)" -> "liver surveillance";
            default -> k.replace(" (weekly)", "");
        }).toList());
        List<Remedy> remedies = new ArrayList<>();
        for (Item item : toOrder) {
            remedies.add(new Remedy.OrderTest(item.system(), item.code(),
                    codes.display(item.system(), item.code()).orElse(item.name()),
                    item.name() + " after " + in.product().name() + ", on the post-infusion schedule"));
        }
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.OVERDUE, settings.overdueSeverity(), summary,
                detail.toString(), List.of(administration), remedies));
    }

    /**
     * Every clinical date of the schedule up to the review day plus the next one of each kind, with its status: the
     * same windows as {@link #overdue}, so a page that lists them agrees with the patient-view card.
     */
    List<ScheduleEntry> timeline(PatientRecord record, LocalDate administered, LocalDate asOf,
                                 List<String> liverCancerRiskFactors) {
        List<ScheduleEntry> entries = new ArrayList<>();
        Optional<BigDecimal> baseline = baselineAlt(record, administered);
        List<Observation> alt = results(record, ALT);
        for (int week = 1; ; week++) {
            LocalDate start = administered.plusWeeks(week - 1);
            if (week > settings.weeklyTestWeeks() && !altAboveBaseline(alt, baseline, administered, start)) {
                break;
            }
            LocalDate due = administered.plusWeeks(week);
            LocalDate last = due.plusDays(settings.weeklyGraceDays());
            List<String> missing = new ArrayList<>();
            for (Item test : labs) {
                if (!anyBetween(results(record, test), start.plusDays(1), last)) {
                    missing.add(test.name());
                }
            }
            entries.add(entry("weekly", "week " + week, due, last, asOf, missing));
            if (!last.isBefore(asOf)) {
                break;
            }
        }
        addWindows(entries, record, "follow-up", followUpSchedule(administered, asOf), labs, asOf,
                due -> monthsAfter(administered, due) + "-month follow-up");
        if (!liverCancerRiskFactors.isEmpty()) {
            List<LocalDate> years = new ArrayList<>();
            for (int year = 1; year <= settings.liverSurveillanceYears(); year++) {
                years.add(administered.plusYears(year));
            }
            addWindows(entries, record, "liver-surveillance", years, List.of(ULTRASOUND, AFP), asOf,
                    due -> "year " + ChronoUnit.YEARS.between(administered, due) + " liver surveillance");
        }
        return entries;
    }

    /** The windows up to the review day and the first one after it. */
    private void addWindows(List<ScheduleEntry> entries, PatientRecord record, String kind, List<LocalDate> days,
                            List<Item> items, LocalDate asOf, Function<LocalDate, String> label) {
        for (LocalDate due : days) {
            LocalDate last = due.plusDays(settings.followUpGraceDays());
            List<String> missing = unrecorded(record, items, due, settings.followUpGraceDays()).stream()
                    .map(Item::name).toList();
            entries.add(entry(kind, label.apply(due), due, last, asOf, missing));
            if (!due.isBefore(asOf)) {
                return;
            }
        }
    }

    private static ScheduleEntry entry(String kind, String label, LocalDate due, LocalDate last, LocalDate asOf,
                                       List<String> missing) {
        ScheduleEntry.Status status = missing.isEmpty() ? ScheduleEntry.Status.DONE
                : last.isBefore(asOf) ? ScheduleEntry.Status.OVERDUE : ScheduleEntry.Status.DUE;
        return new ScheduleEntry(kind, label, due, last, status, missing);
    }

    /**
     * The reporting dates of a payer's outcomes-based agreement that passed without the result on record:
     * information about a contract, worded so that it is never read as a clinical duty.
     */
    Optional<MonitoringAlert> outcomesAgreement(MonitoringInput in) {
        PatientRecord record = in.record();
        LocalDate administered = in.administered();
        LocalDate asOf = in.asOf();
        Evidence administration = in.administration();
        List<String> dates = new ArrayList<>();
        for (int month : settings.milestoneMonths()) {
            LocalDate due = administered.plusMonths(month);
            List<String> items = missing(record, outcomes, due, settings.milestoneGraceDays(), asOf, new LinkedHashSet<>());
            if (!items.isEmpty()) {
                dates.add(month + " months (" + due + "): " + String.join(", ", items));
            }
        }
        if (dates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MonitoringAlert(MonitoringAlert.Kind.OUTCOMES_AGREEMENT,
                settings.outcomesAgreementSeverity(), "outcomes-agreement reporting dates passed (payer contract)",
                "If the patient's payer has an outcomes-based agreement for " + in.product().name()
                        + ", it asks for these at the dates "
                        + "below, and they are not on record:\n\n- " + String.join("\n- ", dates) + "\n\nThese are "
                        + "a payer contract's reporting dates, not clinical requirements: the clinical schedule is "
                        + "the monitoring plan's.\n\n_Source: payer outcomes-based agreement (billing sheet workflow)_",
                List.of(administration), List.of()));
    }

    /** Week k is due on day 7k and counts if taken after day 7(k-1) and up to the grace days after day 7k. */
    private List<String> missedWeeks(PatientRecord record, Item test, LocalDate administered, LocalDate asOf,
                                     Optional<BigDecimal> baseline) {
        List<Observation> results = results(record, test);
        List<Observation> alt = results(record, ALT);
        List<String> weeks = new ArrayList<>();
        for (int week = 1; ; week++) {
            LocalDate start = administered.plusWeeks(week - 1);
            LocalDate last = administered.plusWeeks(week).plusDays(settings.weeklyGraceDays());
            if (!last.isBefore(asOf)) {
                break;
            }
            if (week > settings.weeklyTestWeeks() && !altAboveBaseline(alt, baseline, administered, start)) {
                break;
            }
            if (!anyBetween(results, start.plusDays(1), last)) {
                weeks.add(String.valueOf(week));
            }
        }
        return weeks;
    }

    /** Whether the latest ALT after the infusion, up to the day, is above the policy's multiple of the baseline. */
    private boolean altAboveBaseline(List<Observation> alt, Optional<BigDecimal> baseline, LocalDate administered,
                                     LocalDate upTo) {
        if (baseline.isEmpty()) {
            return false;
        }
        for (Observation observation : alt) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            Optional<BigDecimal> value = Observations.quantity(observation).map(Quantity::getValue);
            if (day.isPresent() && value.isPresent() && day.get().isAfter(administered) && !day.get().isAfter(upTo)) {
                return value.get().compareTo(baseline.get().multiply(settings.altAboveBaselineMultiple())) > 0;
            }
        }
        return false;
    }

    /** The last ALT on or before the infusion day. */
    static Optional<BigDecimal> baselineAlt(PatientRecord record, LocalDate administered) {
        for (Observation observation : Observations.results(record, GeneGateTerminology.LOINC,
                GeneGateTerminology.LOINC_ALT)) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            Optional<BigDecimal> value = Observations.quantity(observation).map(Quantity::getValue);
            if (day.isPresent() && value.isPresent() && !day.get().isAfter(administered)) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** The follow-up days whose counting window has closed: the policy's months, then yearly after the last. */
    private List<LocalDate> followUpDays(LocalDate administered, LocalDate asOf) {
        return followUpSchedule(administered, asOf).stream()
                .filter(d -> d.plusDays(settings.followUpGraceDays()).isBefore(asOf)).toList();
    }

    /** The follow-up days: the policy's months, then yearly up to the first whose window is still open. */
    private List<LocalDate> followUpSchedule(LocalDate administered, LocalDate asOf) {
        List<LocalDate> days = new ArrayList<>();
        for (int month : settings.followUpMonths()) {
            days.add(administered.plusMonths(month));
        }
        if (settings.followUpMonths().isEmpty()) {
            // No follow-up schedule in the policy (none sourced): nothing is due after the weekly phase.
            return days;
        }
        int lastMonth = settings.followUpMonths().get(settings.followUpMonths().size() - 1);
        for (int year = 1; year <= MAX_YEARS; year++) {
            LocalDate due = administered.plusMonths(lastMonth).plusYears(year);
            days.add(due);
            if (!due.plusDays(settings.followUpGraceDays()).isBefore(asOf)) {
                break;
            }
        }
        return days;
    }

    /** Items with no result within the grace days either side of the due day, once that window has closed. */
    private List<String> missing(PatientRecord record, List<Item> items, LocalDate due, int graceDays, LocalDate asOf,
                                 Set<Item> toOrder) {
        LocalDate last = due.plusDays(graceDays);
        List<String> names = new ArrayList<>();
        if (!last.isBefore(asOf)) {
            return names;
        }
        for (Item item : unrecorded(record, items, due, graceDays)) {
            names.add(item.name());
            toOrder.add(item);
        }
        return names;
    }

    /** Items with no result (the ultrasound: no report) within the grace days either side of the due day. */
    private List<Item> unrecorded(PatientRecord record, List<Item> items, LocalDate due, int graceDays) {
        LocalDate first = due.minusDays(graceDays);
        LocalDate last = due.plusDays(graceDays);
        List<Item> absent = new ArrayList<>();
        for (Item item : items) {
            boolean found = item == ULTRASOUND ? anyReportBetween(record, first, last)
                    : anyBetween(results(record, item), first, last);
            if (!found) {
                absent.add(item);
            }
        }
        return absent;
    }

    private static int monthsAfter(LocalDate administered, LocalDate due) {
        return (int) ChronoUnit.MONTHS.between(administered, due);
    }

    private List<Observation> results(PatientRecord record, Item item) {
        return item.valueSet() != null ? Observations.results(record, codes, item.valueSet())
                : Observations.results(record, item.system(), item.code());
    }

    private static boolean anyBetween(List<Observation> results, LocalDate from, LocalDate to) {
        for (Observation observation : results) {
            Optional<LocalDate> day = Observations.effectiveDate(observation);
            if (day.isPresent() && !day.get().isBefore(from) && !day.get().isAfter(to)) {
                return true;
            }
        }
        return false;
    }

    /** A liver ultrasound report (any status but entered-in-error or cancelled) dated within the window. */
    private static boolean anyReportBetween(PatientRecord record, LocalDate from, LocalDate to) {
        for (DiagnosticReport report : record.resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class)) {
            boolean counts = report.getStatus() != DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                    && report.getStatus() != DiagnosticReport.DiagnosticReportStatus.CANCELLED
                    && Observations.hasCode(report.getCode(), GeneGateTerminology.CODE_SYSTEM,
                    GeneGateTerminology.LIVER_ULTRASOUND);
            Optional<LocalDate> day = LiverCancerRisk.reportDay(report);
            if (counts && day.isPresent() && !day.get().isBefore(from) && !day.get().isAfter(to)) {
                return true;
            }
        }
        return false;
    }
}
