package org.genegate.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.FactorMonitoring;
import org.genegate.policy.MonitoringSettings;
import org.genegate.policy.ProductSettings;
import org.genegate.terminology.GeneGateTerminology;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Timing;

/**
 * The one builder of a product's post-infusion monitoring CarePlan (category gene-therapy-monitoring), on its
 * policy's schedule: ALT, AST where tested weekly, and the factor's activity weekly (Hemgenix, EU SmPC/PIL: FIX for 12
 * weeks; Roctavian: FVIII for 26 weeks) and weekly beyond while ALT stays above the pre-infusion baseline; then the
 * follow-up months (Hemgenix: every 3 months to month 12, every 6 months in year 2, yearly to year 5, then yearly
 * on), or, where the policy sets none, its note on what follows the weekly phase; for patients with liver-cancer
 * risk factors yearly liver ultrasound and alpha-fetoprotein for the policy's years; and, apart from the clinical
 * schedule, the reporting dates of a payer's outcomes-based agreement, marked as a contract's dates. Before the
 * infusion (a card's suggestion) the plan is a draft whose timing is relative to the infusion; once the infusion
 * is recorded it is active and dated.
 *
 * <p>The response to an ALT rise is written as the label puts it ("consider corticosteroids"): no fixed
 * corticosteroid regimen is US label text, so the dose and taper are left to the site's protocol.
 */
public final class MonitoringPlanBuilder {

    private static final String US_CORE_CAREPLAN_CATEGORY =
            "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";

    private static final String ALT_DISPLAY = "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma";
    private static final String AST_DISPLAY = "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma";
    private static final String AFP_DISPLAY = "Alpha-1-Fetoprotein [Mass/volume] in Serum or Plasma";

    private final MonitoringSettings settings;
    private final ProductSettings product;

    public MonitoringPlanBuilder(MonitoringSettings settings, ProductSettings product) {
        this.settings = settings;
        this.product = product;
    }

    public MonitoringSettings settings() {
        return settings;
    }

    public ProductSettings product() {
        return product;
    }

    /** Before the infusion: a draft plan for the order's patient, its schedule counted from the infusion. */
    public CarePlan provisional(DraftOrder order) {
        MedicationRequest request = order.request();
        // Before the infusion the plan's author judges the risk factors: the surveillance is written as a condition.
        CarePlan plan = base(request.getSubject().copy(), null, null)
                .setStatus(CarePlan.CarePlanStatus.DRAFT);
        if (request.hasEncounter()) {
            plan.setEncounter(request.getEncounter().copy());
        }
        if (request.hasRequester()) {
            plan.setAuthor(request.getRequester().copy());
        }
        return plan;
    }

    /**
     * After the infusion: the active plan dated from the administration day.
     *
     * @param administration  reference to the MedicationAdministration the plan follows
     * @param liverCancerRisk whether the patient has liver-cancer risk factors (adds yearly liver imaging)
     */
    public CarePlan afterAdministration(Reference subject, Reference administration, LocalDate administered,
                                       boolean liverCancerRisk) {
        CarePlan plan = base(subject.copy(), administered, liverCancerRisk)
                .setStatus(CarePlan.CarePlanStatus.ACTIVE);
        plan.addIdentifier(identifier(subject));
        plan.addSupportingInfo(administration.copy());
        return plan;
    }

    /**
     * The identifier of a patient's post-infusion plan. Hemgenix is given once per lifetime, so the patient alone
     * keys it: recording the administration twice, or updating it, finds the same plan.
     */
    public static Identifier identifier(Reference subject) {
        return new Identifier().setSystem(GeneGateTerminology.MONITORING_PLAN_IDENTIFIER)
                .setValue(subject.getReferenceElement().getIdPart());
    }

    /** @param liverCancerRisk whether the patient has liver-cancer risk factors; null when not yet judged */
    private CarePlan base(Reference subject, LocalDate administered, Boolean liverCancerRisk) {
        int weeks = settings.weeklyTestWeeks();
        FactorMonitoring factor = settings.factor();
        List<Coding> labs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        labs.add(new Coding(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_ALT, ALT_DISPLAY));
        names.add("ALT");
        if (settings.weeklyAst()) {
            labs.add(new Coding(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AST, AST_DISPLAY));
            names.add("AST");
        }
        labs.add(new Coding(GeneGateTerminology.LOINC, factor.activityCode(), factor.activityDisplay()));
        names.add(factor.activity());
        String afterWeekly = settings.followUpMonths().isEmpty() ? settings.afterWeeklyPhase() + ". "
                : "then at " + months(settings.followUpMonths()) + " months, and yearly after that. ";
        CarePlan plan = new CarePlan()
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setTitle(product.name() + " post-infusion monitoring")
                .setDescription(listed(names) + " weekly for " + weeks + " weeks after the " + product.name()
                        + " infusion"
                        + (administered == null ? "" : " of " + administered) + ", and weekly beyond while ALT stays "
                        + "above the pre-infusion baseline; " + afterWeekly + (Boolean.TRUE.equals(liverCancerRisk)
                        ? "Liver-cancer risk factors: liver "
                        + "ultrasound and alpha-fetoprotein yearly for " + settings.liverSurveillanceYears()
                        + " years. " : "") + "For an ALT rise, consider corticosteroids per the label and the "
                        + "site's protocol. Payer outcomes-agreement reporting dates, where an agreement applies, are "
                        + "listed apart: they are a contract's dates, not clinical requirements.")
                .setSubject(subject);
        // US Core 3.1.1 CarePlan asks for a narrative and the assess-plan category; GeneGate's monitoring
        // profile adds its own category, which the monitoring-plan gate looks for.
        plan.getText().setStatus(Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + plan.getTitle() + ": "
                        + plan.getDescription() + "</p></div>");
        plan.addCategory(new CodeableConcept(new Coding(US_CORE_CAREPLAN_CATEGORY, "assess-plan",
                "Assessment and Plan of Treatment")));
        plan.addCategory(new CodeableConcept(new Coding(GeneGateTerminology.CODE_SYSTEM,
                GeneGateTerminology.GENE_THERAPY_MONITORING, "Gene therapy post-infusion monitoring plan")));
        if (administered != null) {
            plan.setPeriod(new Period().setStartElement(dateTime(administered)));
        }
        for (int i = 0; i < labs.size(); i++) {
            addWeekly(plan, labs.get(i), names.get(i), administered);
        }
        for (int month : settings.followUpMonths()) {
            for (int i = 0; i < labs.size(); i++) {
                addDated(plan, labs.get(i), names.get(i) + " at " + month + " months after the infusion (follow-up)",
                        month, settings.followUpGraceDays(), administered);
            }
        }
        if (!settings.followUpMonths().isEmpty()) {
            int lastMonth = settings.followUpMonths().get(settings.followUpMonths().size() - 1);
            addYearly(plan, null, "Yearly follow-up after month " + lastMonth + ": " + String.join(", ", names)
                    + ", bleeding, liver health", administered == null ? null : administered.plusMonths(lastMonth).plusYears(1),
                    null);
        }
        if (liverCancerRisk == null) {
            plan.addActivity().setDetail(new CarePlan.CarePlanActivityDetailComponent()
                    .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                    .setDescription("If the patient has liver-cancer risk factors (cirrhosis, advanced fibrosis, "
                            + "hepatitis B or C, NAFLD/NASH, chronic alcohol use, advanced age): liver ultrasound and "
                            + "alpha-fetoprotein yearly for " + settings.liverSurveillanceYears()
                            + " years (" + settings.liverSurveillanceSource() + ")."));
        } else if (liverCancerRisk) {
            addYearly(plan, new Coding(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND,
                    "Liver ultrasound"), "Yearly liver ultrasound for " + settings.liverSurveillanceYears()
                    + " years: the patient has liver-cancer risk factors (" + settings.liverSurveillanceSource() + ")",
                    administered == null ? null : administered.plusYears(1), settings.liverSurveillanceYears());
            addYearly(plan, new Coding(GeneGateTerminology.LOINC, GeneGateTerminology.LOINC_AFP, AFP_DISPLAY),
                    "Yearly alpha-fetoprotein for " + settings.liverSurveillanceYears() + " years: the patient has "
                    + "liver-cancer risk factors (" + settings.liverSurveillanceSource() + ")",
                    administered == null ? null : administered.plusYears(1), settings.liverSurveillanceYears());
        }
        plan.addActivity().setDetail(new CarePlan.CarePlanActivityDetailComponent()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription("ALT above the upper limit of normal or above " + settings.altBaselineMultiple()
                        .stripTrailingZeros().toPlainString() + " x the pre-infusion baseline: contact the treating "
                        + "hematologist; consider corticosteroids per the label and the site's protocol; keep testing "
                        + "ALT weekly until it is back at baseline."));
        for (int month : settings.milestoneMonths()) {
            addDated(plan, new Coding(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.ANNUALIZED_BLEEDING_RATE,
                    "Annualized bleeding rate"), "Payer outcomes-based agreement, where one applies: "
                    + factor.activity() + ", annualized bleeding rate and " + factor.productUse() + " reported at " + month + " months (a contract's "
                    + "reporting date, not a clinical requirement)", month, settings.milestoneGraceDays(), administered);
        }
        return plan;
    }

    /** "ALT, AST and FIX activity". */
    private static String listed(List<String> names) {
        return names.size() == 1 ? names.get(0) : String.join(", ", names.subList(0, names.size() - 1)) + " and "
                + names.get(names.size() - 1);
    }

    private void addWeekly(CarePlan plan, Coding code, String name, LocalDate administered) {
        int weeks = settings.weeklyTestWeeks();
        Timing.TimingRepeatComponent repeat = new Timing.TimingRepeatComponent()
                .setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.WK).setCount(weeks);
        if (administered != null) {
            repeat.setBounds(new Period().setStartElement(dateTime(administered.plusDays(1)))
                    .setEndElement(dateTime(administered.plusWeeks(weeks))));
        }
        plan.addActivity().setDetail(new CarePlan.CarePlanActivityDetailComponent()
                .setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST)
                .setCode(new CodeableConcept(code.copy()))
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setScheduled(new Timing().setRepeat(repeat))
                .setDescription(name + " weekly for " + weeks + " weeks after the infusion, and weekly beyond while "
                        + "ALT stays above the pre-infusion baseline"));
    }

    /** One item due a number of months after the infusion: from its day to the grace days after (overdue then). */
    private static void addDated(CarePlan plan, Coding code, String description, int month, int graceDays,
                                 LocalDate administered) {
        CarePlan.CarePlanActivityDetailComponent detail = new CarePlan.CarePlanActivityDetailComponent()
                .setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST)
                .setCode(new CodeableConcept(code.copy()))
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription(description);
        if (administered != null) {
            LocalDate due = administered.plusMonths(month);
            detail.setScheduled(new Period().setStartElement(dateTime(due))
                    .setEndElement(dateTime(due.plusDays(graceDays))));
        } else {
            detail.setScheduled(new StringType(month + " months after the infusion"));
        }
        plan.addActivity().setDetail(detail);
    }

    /** Yearly from the first day given; for a number of years, or open-ended when years is null. */
    private static void addYearly(CarePlan plan, Coding code, String description, LocalDate first, Integer years) {
        Timing.TimingRepeatComponent repeat = new Timing.TimingRepeatComponent()
                .setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.A);
        if (years != null) {
            repeat.setCount(years);
        }
        if (first != null) {
            repeat.setBounds(new Period().setStartElement(dateTime(first)));
        }
        CarePlan.CarePlanActivityDetailComponent detail = new CarePlan.CarePlanActivityDetailComponent()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setScheduled(new Timing().setRepeat(repeat))
                .setDescription(description);
        if (code != null) {
            detail.setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST).setCode(new CodeableConcept(code));
        }
        plan.addActivity().setDetail(detail);
    }

    private static String months(List<Integer> months) {
        return String.join(", ", months.stream().map(String::valueOf).toList());
    }

    private static DateTimeType dateTime(LocalDate day) {
        return new DateTimeType(day.toString());
    }
}
