package org.genegate.gates;

import java.time.LocalDate;
import java.util.List;
import org.genegate.findings.Evidence;
import org.genegate.findings.GateFinding;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Remedy;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.orders.DraftOrder;
import org.genegate.policy.GateSettings;
import org.genegate.policy.ProductSettings;
import org.genegate.record.PatientRecord;
import org.genegate.terminology.CodeIndex;
import org.hl7.fhir.r4.model.Coding;

/**
 * Everything one gate evaluation sees.
 *
 * @param record the patient's record (parts may be unavailable: they read as empty here)
 * @param order  the order being signed, of the product whose policy runs the gate
 * @param codes  ValueSet membership
 * @param policy  the gate's own section of the policy
 * @param product the product the order is for, as the policy names it (messages name it, never a constant)
 * @param gateId  the id the policy runs the gate under (the kind's own id unless the policy names it otherwise)
 * @param sources the source classes the gate's findings rest on unless a finding names others
 */
public record GateInput<S extends GateSettings>(PatientRecord record, DraftOrder order, CodeIndex codes, S policy,
                                                ProductSettings product, String gateId, List<SourceClass> sources) {

    /** The gate run under its kind's own id. */
    public GateInput(PatientRecord record, DraftOrder order, CodeIndex codes, S policy, ProductSettings product) {
        this(record, order, codes, policy, product, Gates.kindOf(policy).id(), Gates.kindOf(policy).sources());
    }

    public LocalDate orderDate() {
        return order.orderDate();
    }

    /** A finding with the policy's severity for the status, the policy's source and the gate's source classes. */
    public GateFinding finding(GateStatus status, String message, List<Evidence> evidence, List<Remedy> remedies) {
        return finding(status, policy.severities().of(status), message, evidence, remedies);
    }

    /** A finding whose severity is not the status default (fix-inhibitor history, payer facts). */
    public GateFinding finding(GateStatus status, Severity severity, String message, List<Evidence> evidence,
                               List<Remedy> remedies) {
        return finding(status, severity, sources, message, evidence, remedies);
    }

    /** A finding that rests on other source classes than the gate's default (e.g. a payer-only criterion). */
    public GateFinding finding(GateStatus status, List<SourceClass> sources, String message, List<Evidence> evidence,
                               List<Remedy> remedies) {
        return finding(status, policy.severities().of(status), sources, message, evidence, remedies);
    }

    public GateFinding finding(GateStatus status, Severity severity, List<SourceClass> sources, String message,
                               List<Evidence> evidence, List<Remedy> remedies) {
        return new GateFinding(gateId, status, severity, message, evidence, policy.source(), sources,
                remedies);
    }

    /** How to name a code for a clinician: its own display, else the shipped terminology's, else the code. */
    public String display(Coding coding) {
        if (coding.hasDisplay()) {
            return coding.getDisplay();
        }
        return codes.display(coding.getSystem(), coding.getCode()).orElse(coding.getCode());
    }

    /** An OrderTest remedy naming the code and its display from the shipped terminology. */
    public Remedy.OrderTest orderTest(String system, String code, String reason) {
        String display = codes.display(system, code).orElse(code);
        return new Remedy.OrderTest(system, code, display, reason);
    }
}
