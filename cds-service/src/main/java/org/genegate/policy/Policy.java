package org.genegate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versioned J1411 policy: every gate's settings, the payer table and the links the cards
 * carry. Load it with {@link PolicyLoader}; it is immutable and safe to share between threads.
 *
 * @param version the policy version, echoed on every assessment so a card can say which rules it applied
 * @param links      links every payer card carries (manufacturer support, HTC directory)
 * @param monitoring after the infusion: the monitoring plan's schedule and the patient-view thresholds
 * @param claim      the claim check's payer-dependent settings
 */
public record Policy(String version,
                     AgeSettings age,
                     PriorGeneTherapySettings priorGeneTherapy,
                     FixInhibitorSettings fixInhibitor,
                     NabAav5Settings nabAav5,
                     DiagnosisSettings diagnosis,
                     FixActivitySettings fixActivity,
                     ProphylaxisOrBleedsSettings prophylaxisOrBleeds,
                     InfectionsSettings infections,
                     BaselineLiverSettings baselineLiver,
                     MonitoringPlanSettings monitoringPlan,
                     WeightAndDoseSettings weightAndDose,
                     SiteOfCareSettings siteOfCare,
                     PrescriberSettings prescriber,
                     CodingSettings coding,
                     PayerSettings payer,
                     OrderNotesSettings orderNotes,
                     List<Link> links,
                     MonitoringSettings monitoring,
                     ClaimSettings claim) {

    /**
     * The gate ids in the order of docs/gates.md (the order notes, "also at order time", last): the order of the
     * policy file and of every assessment.
     */
    public static final List<String> GATE_IDS = List.of(
            AgeSettings.ID, PriorGeneTherapySettings.ID, FixInhibitorSettings.ID, NabAav5Settings.ID,
            DiagnosisSettings.ID, FixActivitySettings.ID, ProphylaxisOrBleedsSettings.ID, InfectionsSettings.ID,
            BaselineLiverSettings.ID, MonitoringPlanSettings.ID, WeightAndDoseSettings.ID, SiteOfCareSettings.ID,
            PrescriberSettings.ID, CodingSettings.ID, PayerSettings.ID, OrderNotesSettings.ID);

    public Policy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(claim, "claim");
        links = List.copyOf(links);
    }

    /** Every gate's settings in {@link #GATE_IDS} order, enabled or not. */
    public List<GateSettings> gates() {
        return List.of(age, priorGeneTherapy, fixInhibitor, nabAav5, diagnosis, fixActivity, prophylaxisOrBleeds,
                infections, baselineLiver, monitoringPlan, weightAndDose, siteOfCare, prescriber, coding, payer,
                orderNotes);
    }

    public Optional<GateSettings> gate(String gateId) {
        return gates().stream().filter(g -> g.gateId().equals(gateId)).findFirst();
    }

    /** The payer table, first match wins. */
    public List<PayerEntry> payers() {
        return payer.payers();
    }

    public Optional<PayerEntry> payerById(String payerId) {
        return payers().stream().filter(p -> p.id().equals(payerId)).findFirst();
    }
}
