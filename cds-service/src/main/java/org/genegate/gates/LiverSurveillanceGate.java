package org.genegate.gates;

import java.util.List;
import java.util.Set;
import org.genegate.clinical.FhirDates;
import org.genegate.clinical.LiverCancerRisk;
import org.genegate.findings.GateFinding;
import org.genegate.policy.GateTitles;
import org.genegate.findings.GateStatus;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;
import org.genegate.policy.MonitoringSettings;
import org.genegate.record.PatientRecord;
import org.genegate.record.RecordPart;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;

/**
 * Liver-cancer surveillance, told at order time: with hepatocellular carcinoma risk factors on record (cirrhosis,
 * advanced fibrosis, hepatitis B or C, NAFLD/NASH, chronic alcohol use, advanced age), the US label (§5.3) asks for
 * a liver ultrasound and alpha-fetoprotein every year for at least 5 years after the infusion. Information for the
 * team, never a reason not to give the dose: the finding is a pass, with an info card when risk factors are found.
 * The risk factors and years are the policy's monitoring section, the same the post-infusion plan uses.
 */
public final class LiverSurveillanceGate implements Gate<LiverSurveillanceSettings> {

    public static final GateDefinition<LiverSurveillanceSettings> DEFINITION = new GateDefinition<>(
            LiverSurveillanceSettings.ID,
            new GateTitles("Liver cancer surveillance", "liver surveillance",
                    "liver cancer risk factors"),
            CardGroup.DOCUMENTATION, List.of(SourceClass.LABEL),
            LiverSurveillanceSettings.class, LiverSurveillanceSettings::read,
            policy -> new LiverSurveillanceGate(policy.monitoring()));

    private final LiverCancerRisk risk;
    private final int surveillanceYears;

    public LiverSurveillanceGate(MonitoringSettings monitoring) {
        this.risk = new LiverCancerRisk(monitoring);
        this.surveillanceYears = monitoring.liverSurveillanceYears();
    }

    @Override
    public Set<RecordPart> reads() {
        return Set.of(RecordPart.PATIENT, RecordPart.CONDITIONS, RecordPart.OBSERVATIONS,
                RecordPart.DIAGNOSTIC_REPORTS);
    }

    @Override
    public GateFinding evaluate(GateInput<LiverSurveillanceSettings> in) {
        PatientRecord record = in.record();
        List<String> factors = risk.factors(record.resources(RecordPart.CONDITIONS, Condition.class),
                record.resources(RecordPart.OBSERVATIONS, Observation.class),
                record.resources(RecordPart.DIAGNOSTIC_REPORTS, DiagnosticReport.class),
                record.patient().flatMap(p -> FhirDates.earliestDay(p.getBirthDateElement())), in.orderDate());
        if (factors.isEmpty()) {
            return in.finding(GateStatus.PASS, "No liver cancer risk factors on record: the post-infusion plan "
                    + "needs no yearly liver ultrasound and alpha-fetoprotein.", List.of(), List.of());
        }
        return in.finding(GateStatus.PASS, Severity.INFO, "Liver cancer risk factors on record ("
                + String.join("; ", factors) + "): after the infusion, a liver ultrasound and alpha-fetoprotein "
                + "every year for at least " + surveillanceYears + " years; the monitoring plan filed after the "
                + "infusion includes them.", List.of(), List.of());
    }
}
