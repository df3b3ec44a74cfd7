package org.genegate.hooks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.genegate.assessment.AssessmentService;
import org.genegate.cards.CrdConfiguration;
import org.genegate.cdshooks.CdsServiceDescriptor;
import org.genegate.fetch.PrefetchTemplates;
import org.genegate.policy.ProductSettings;

/**
 * The hooks GeneGate answers: the product's gates on order-select (early look) and order-sign (final check), and the
 * post-infusion review on patient-view.
 */
public final class CdsServiceCatalog {

    public static final String ORDER_SELECT_ID = "j1411-order-select";
    public static final String ORDER_SIGN_ID = "j1411-order-sign";
    public static final String PATIENT_VIEW_ID = "j1411-patient-view";

    private final List<CdsServiceDescriptor> services;

    public CdsServiceCatalog(PrefetchTemplates templates, ProductSettings product) {
        String usage = "Send the prefetch below, or fhirServer with a token that can read these resources; "
                + "without either, GeneGate reads its own FHIR store.";
        Map<String, Object> extension = Map.of(CrdConfiguration.DISCOVERY_EXTENSION, CrdConfiguration.options());
        this.services = List.of(
                new CdsServiceDescriptor("order-select", product.label() + " gates on order selection",
                        "Checks a selected " + product.fullLabel() + " order against the label, payer and "
                                + "billing gates while it is being composed.",
                        ORDER_SELECT_ID, templates.asDiscoveryPrefetch(), usage, extension),
                new CdsServiceDescriptor("order-sign", product.label() + " gates on order signing",
                        "Checks a " + product.fullLabel() + " order before signature: age, "
                                + "FIX inhibitor, anti-AAV5 NAb, diagnosis, FIX activity, prophylaxis or bleeds, "
                                + "infections, liver work-up, monitoring plan, dose, site of care, prescriber, "
                                + "coding and payer; returns Da Vinci CRD coverage information.",
                        ORDER_SIGN_ID, templates.asDiscoveryPrefetch(), usage, extension),
                new CdsServiceDescriptor("patient-view", product.label() + " post-infusion monitoring",
                        "After a " + product.name() + " infusion: overdue weekly ALT, AST or FIX activity tests "
                                + "and outcomes milestones, ALT above the upper limit of normal or 2 x baseline, a FIX inhibitor, "
                                + "or falling FIX activity. Patients without a " + product.name()
                                + " administration get no cards.",
                        PATIENT_VIEW_ID, templates.asDiscoveryPrefetch(AssessmentService.MONITORING_PARTS), usage, Map.of()));
    }

    public List<CdsServiceDescriptor> services() {
        return services;
    }

    public Optional<CdsServiceDescriptor> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
