package org.genegate.monitoring;

import java.time.LocalDate;
import org.genegate.gates.DraftOrder;
import org.genegate.policy.MonitoringSettings;
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
 * The one builder of the Hemgenix post-infusion monitoring CarePlan (category gene-therapy-monitoring):
 * weekly ALT, AST and FIX activity for 12 weeks, the outcomes milestones (FIX activity, annualized bleeding
 * rate, FIX product use at 3, 6, 12, 24, 36 and 60 months), yearly long-term follow-up, and yearly liver
 * imaging for patients with liver-cancer risk factors. Before the infusion (a card's suggestion) the plan is
 * a draft whose timing is relative to the infusion; once the infusion is recorded it is active and dated.
 *
 * <p>The response to an ALT rise is written as the label puts it ("consider corticosteroids"): no fixed
 * corticosteroid regimen is US label text, so the dose and taper are left to the site's protocol.
 */
public final class MonitoringPlanBuilder {

    private static final String US_CORE_CAREPLAN_CATEGORY =
            "http://hl7.org/fhir/us/core/CodeSystem/careplan-category";

    private static final String ALT_DISPLAY = "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma";
    private static final String AST_DISPLAY = "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma";
    private static final String FIX_DISPLAY =
            "Coagulation factor IX activity actual/normal in Platelet poor plasma by Coagulation assay";

    private final MonitoringSettings settings;

    public MonitoringPlanBuilder(MonitoringSettings settings) {
        this.settings = settings;
    }

    public MonitoringSettings settings() {
        return settings;
    }

    /** Before the infusion: a draft plan for the order's patient, its schedule counted from the infusion. */
    public CarePlan provisional(DraftOrder order) {
        MedicationRequest request = order.request();
        CarePlan plan = base(request.getSubject().copy(), null, false)
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

    private CarePlan base(Reference subject, LocalDate administered, boolean liverCancerRisk) {
        int weeks = settings.weeklyTestWeeks();
        CarePlan plan = new CarePlan()
                .setIntent(CarePlan.CarePlanIntent.PLAN)
                .setTitle("Hemgenix post-infusion monitoring")
                .setDescription("Weekly ALT, AST and FIX activity for " + weeks + " weeks after the Hemgenix infusion"
                        + (administered == null ? "" : " of " + administered) + "; outcomes assessments (FIX "
                        + "activity, annualized bleeding rate, FIX product use) at " + months() + " months; yearly "
                        + "long-term follow-up" + (liverCancerRisk ? " with liver imaging (liver-cancer risk factors)"
                        : "") + ". For an ALT rise, consider corticosteroids per the label and the site's protocol.")
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
        addWeekly(plan, GeneGateTerminology.LOINC_ALT, ALT_DISPLAY, "ALT", administered);
        addWeekly(plan, GeneGateTerminology.LOINC_AST, AST_DISPLAY, "AST", administered);
        addWeekly(plan, GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT, FIX_DISPLAY, "FIX activity", administered);
        for (int month : settings.milestoneMonths()) {
            addMilestone(plan, month, new Coding(GeneGateTerminology.LOINC,
                    GeneGateTerminology.LOINC_FIX_ACTIVITY_PERCENT, FIX_DISPLAY), "FIX activity", administered);
            addMilestone(plan, month, new Coding(GeneGateTerminology.CODE_SYSTEM,
                    GeneGateTerminology.ANNUALIZED_BLEEDING_RATE, "Annualized bleeding rate"),
                    "annualized bleeding rate", administered);
            addMilestone(plan, month, new Coding(GeneGateTerminology.CODE_SYSTEM,
                    GeneGateTerminology.FIX_PRODUCT_USE, "Factor IX product use since the last assessment"),
                    "FIX product use", administered);
        }
        addYearly(plan, null, "Yearly long-term follow-up after gene therapy: FIX activity, bleeding, liver health",
                administered);
        if (liverCancerRisk) {
            addYearly(plan, new Coding(GeneGateTerminology.CODE_SYSTEM, GeneGateTerminology.LIVER_ULTRASOUND,
                    "Liver ultrasound"), "Yearly liver imaging (with alpha-fetoprotein per the site's protocol): the "
                    + "patient has liver-cancer risk factors", administered);
        }
        plan.addActivity().setDetail(new CarePlan.CarePlanActivityDetailComponent()
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription("ALT above the upper limit of normal or above " + settings.altBaselineMultiple()
                        .stripTrailingZeros().toPlainString() + " x the pre-infusion baseline: contact the treating "
                        + "hematologist; consider corticosteroids per the label and the site's protocol."));
        return plan;
    }

    private void addWeekly(CarePlan plan, String loinc, String display, String name, LocalDate administered) {
        int weeks = settings.weeklyTestWeeks();
        Timing.TimingRepeatComponent repeat = new Timing.TimingRepeatComponent()
                .setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.WK).setCount(weeks);
        if (administered != null) {
            repeat.setBounds(new Period().setStartElement(dateTime(administered.plusDays(1)))
                    .setEndElement(dateTime(administered.plusWeeks(weeks))));
        }
        plan.addActivity().setDetail(new CarePlan.CarePlanActivityDetailComponent()
                .setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST)
                .setCode(new CodeableConcept(new Coding(GeneGateTerminology.LOINC, loinc, display)))
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setScheduled(new Timing().setRepeat(repeat))
                .setDescription(name + " weekly for " + weeks + " weeks after the infusion"));
    }

    private void addMilestone(CarePlan plan, int month, Coding code, String name, LocalDate administered) {
        CarePlan.CarePlanActivityDetailComponent detail = new CarePlan.CarePlanActivityDetailComponent()
                .setKind(CarePlan.CarePlanActivityKind.SERVICEREQUEST)
                .setCode(new CodeableConcept(code))
                .setStatus(CarePlan.CarePlanActivityStatus.NOTSTARTED)
                .setDescription(name + " at " + month + " months after the infusion (outcomes-based agreement)");
        if (administered != null) {
            LocalDate due = administered.plusMonths(month);
            detail.setScheduled(new Period().setStartElement(dateTime(due))
                    .setEndElement(dateTime(due.plusDays(settings.milestoneGraceDays()))));
        } else {
            detail.setScheduled(new StringType(month + " months after the infusion"));
        }
        plan.addActivity().setDetail(detail);
    }

    private static void addYearly(CarePlan plan, Coding code, String description, LocalDate administered) {
        Timing.TimingRepeatComponent repeat = new Timing.TimingRepeatComponent()
                .setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.A);
        if (administered != null) {
            repeat.setBounds(new Period().setStartElement(dateTime(administered.plusYears(1))));
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

    private String months() {
        return String.join(", ", settings.milestoneMonths().stream().map(String::valueOf).toList());
    }

    private static DateTimeType dateTime(LocalDate day) {
        return new DateTimeType(day.toString());
    }
}
