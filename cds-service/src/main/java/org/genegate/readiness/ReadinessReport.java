package org.genegate.readiness;

import java.sql.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.genegate.cards.RemedyLabels;
import org.genegate.cards.RemedyResources;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.gates.Assessment;
import org.genegate.gates.CoverageDetermination;
import org.genegate.monitoring.MonitoringPlans;
import org.genegate.orders.DraftOrder;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The readiness checklist as FHIR: the findings the gate engine gives the hook, one {@code gate} parameter per
 * gate, plus the payer's prior-authorization packet.
 *
 * <p>A Parameters resource rather than a GuidanceResponse: each finding is a nested record (status, severity,
 * message, evidence, source, remedies) that Parameters carries as named parts a client reads by name, while a
 * GuidanceResponse has one overall status and would need a contained Parameters for the same content anyway.
 *
 * <pre>
 * patient        valueReference   Patient/id
 * asOf           valueDate        the date gates measure age and recency against (the order's, else today)
 * orderProposed  valueBoolean     whether an order was sent (without one, dose and coding say what they need)
 * policyVersion  valueString
 * readiness      valueCode        ready | not-ready (a critical finding) | incomplete (a warning or could-not-verify)
 * gate (1 per gate, policy order)
 *   id valueCode, title valueString, status valueCode (pass|fail|missing|stale|could-not-verify),
 *   severity valueCode (none|info|warning|critical), message valueString, source valueString,
 *   evidence (0..*): reference valueReference, what valueString, value valueString, date valueDate
 *   remedy (0..*): action valueString, resource (the ServiceRequest or CarePlan to create)
 * dose (0..1, when the dose is not already right on the proposed order)
 *   weightKg, volumeMl, genomeCopies valueDecimal, vials valueInteger
 * priorAuthorization (0..1, when an active Coverage is on record)
 *   coverage valueReference, payer valueString, payerId valueString, covered valueCode, paNeeded valueCode,
 *   outcomesBasedAgreement valueString, documentation valueString (0..*), record valueReference (0..*: the
 *   results and documents the findings rest on, for the packet)
 * </pre>
 */
public final class ReadinessReport {

    private final MonitoringPlans plans;

    public ReadinessReport(MonitoringPlans plans) {
        this.plans = plans;
    }

    public Parameters toParameters(Assessment assessment, String patientId) {
        DraftOrder order = assessment.order();
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patient").setValue(new Reference("Patient/" + patientId));
        parameters.addParameter().setName("asOf").setValue(new DateType(Date.valueOf(order.orderDate())));
        parameters.addParameter().setName("orderProposed").setValue(new BooleanType(order.proposed()));
        parameters.addParameter().setName("policyVersion").setValue(new StringType(assessment.policyVersion()));
        parameters.addParameter().setName("readiness").setValue(new CodeType(readiness(assessment)));
        Set<String> packet = new LinkedHashSet<>();
        for (GateFinding finding : assessment.findings()) {
            parameters.addParameter(gate(assessment, finding, order));
            finding.evidence().stream().map(Evidence::reference).filter(r -> r != null).forEach(packet::add);
        }
        assessment.coverageDetermination().ifPresent(c -> parameters.addParameter(priorAuthorization(c, packet)));
        assessment.findings().stream().flatMap(f -> f.remedies().stream())
                .filter(Remedy.UpdateDose.class::isInstance).map(Remedy.UpdateDose.class::cast).findFirst()
                .ifPresent(dose -> parameters.addParameter(dose(dose)));
        return parameters;
    }

    /** The weight-based dose the label gives for the latest weight (Hemgenix 2 x 10^13 gc/kg = 2 mL/kg). */
    private static Parameters.ParametersParameterComponent dose(Remedy.UpdateDose dose) {
        Parameters.ParametersParameterComponent parameter = new Parameters.ParametersParameterComponent()
                .setName("dose");
        parameter.addPart().setName("weightKg").setValue(new DecimalType(dose.weightKg()));
        parameter.addPart().setName("volumeMl").setValue(new DecimalType(dose.volumeMl()));
        parameter.addPart().setName("genomeCopies").setValue(new DecimalType(dose.genomeCopies()));
        parameter.addPart().setName("vials").setValue(new IntegerType(dose.vials()));
        return parameter;
    }

    /** ready: every gate passed or only informs; not-ready: a critical finding; incomplete: anything else. */
    /** ready, incomplete (a warning or an unverified gate) or not-ready (a critical finding). */
    public static String readiness(Assessment assessment) {
        boolean critical = assessment.findings().stream().anyMatch(f -> f.severity() == Severity.CRITICAL);
        if (critical) {
            return "not-ready";
        }
        boolean open = assessment.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING
                || f.status() == GateStatus.COULD_NOT_VERIFY);
        return open ? "incomplete" : "ready";
    }

    private Parameters.ParametersParameterComponent gate(Assessment assessment, GateFinding finding,
                                                         DraftOrder order) {
        Parameters.ParametersParameterComponent gate = new Parameters.ParametersParameterComponent().setName("gate");
        gate.addPart().setName("id").setValue(new CodeType(finding.gateId()));
        gate.addPart().setName("title").setValue(new StringType(assessment.gates().title(finding.gateId())));
        gate.addPart().setName("status").setValue(new CodeType(statusCode(finding.status())));
        gate.addPart().setName("severity").setValue(new CodeType(finding.severity().indicator()));
        gate.addPart().setName("message").setValue(new StringType(finding.message()));
        if (finding.source() != null) {
            gate.addPart().setName("source").setValue(new StringType(finding.source()));
        }
        for (SourceClass sourceClass : finding.sourceClasses()) {
            gate.addPart().setName("sourceClass").setValue(new StringType(sourceClass.text()));
        }
        for (Evidence evidence : finding.evidence()) {
            Parameters.ParametersParameterComponent part = gate.addPart().setName("evidence");
            if (evidence.reference() != null) {
                part.addPart().setName("reference").setValue(new Reference(evidence.reference()));
            }
            part.addPart().setName("what").setValue(new StringType(evidence.what()));
            if (evidence.value() != null) {
                part.addPart().setName("value").setValue(new StringType(evidence.value()));
            }
            if (evidence.date() != null) {
                part.addPart().setName("date").setValue(new DateType(Date.valueOf(evidence.date())));
            }
        }
        for (Remedy remedy : finding.remedies()) {
            Parameters.ParametersParameterComponent part = gate.addPart().setName("remedy");
            part.addPart().setName("action").setValue(new StringType(RemedyLabels.label(remedy)));
            if (remedy instanceof Remedy.OrderTest test) {
                part.addPart().setName("resource").setResource(RemedyResources.serviceRequest(test, order));
            } else if (remedy instanceof Remedy.CreateMonitoringPlan) {
                part.addPart().setName("resource").setResource(plans.of(assessment.product()).provisional(order));
            }
        }
        return gate;
    }

    private static Parameters.ParametersParameterComponent priorAuthorization(CoverageDetermination coverage,
                                                                             Set<String> packet) {
        Parameters.ParametersParameterComponent pa = new Parameters.ParametersParameterComponent()
                .setName("priorAuthorization");
        pa.addPart().setName("coverage").setValue(new Reference(coverage.coverageReference()));
        pa.addPart().setName("payer").setValue(new StringType(coverage.payerName()));
        if (coverage.payerId() != null) {
            pa.addPart().setName("payerId").setValue(new StringType(coverage.payerId()));
        }
        pa.addPart().setName("covered").setValue(new CodeType(coverage.covered()));
        pa.addPart().setName("paNeeded").setValue(new CodeType(coverage.paNeeded()));
        if (coverage.outcomesBasedAgreement() != null) {
            pa.addPart().setName("outcomesBasedAgreement").setValue(new StringType(coverage.outcomesBasedAgreement()));
        }
        coverage.documentation().forEach(d -> pa.addPart().setName("documentation").setValue(new StringType(d)));
        packet.forEach(reference -> pa.addPart().setName("record").setValue(new Reference(reference)));
        return pa;
    }

    static String statusCode(GateStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
