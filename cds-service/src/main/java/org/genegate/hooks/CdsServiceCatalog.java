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
 * The hooks GeneGate answers: every gated product's gates on order-select (early look) and order-sign (final
 * check), and the post-infusion review on patient-view. One service answers for every product: each order is judged
 * under the policy of the product it orders. The service ids keep the first product's code, as EHRs have them
 * configured.
 */
public final class CdsServiceCatalog {

    public static final String ORDER_SELECT_ID = "j1411-order-select";
    public static final String ORDER_SIGN_ID = "j1411-order-sign";
    public static final String PATIENT_VIEW_ID = "j1411-patient-view";

    private final List<CdsServiceDescriptor> services;

    /**
     * @param products the gated products, each with the titles of the gates its policy runs, in policy order
     */
    public CdsServiceCatalog(PrefetchTemplates templates, Map<ProductSettings, List<String>> products) {
        String usage = "Send the prefetch below, or fhirServer with a token that can read these resources; "
                + "without either, GeneGate reads its own FHIR store.";
        Map<String, Object> extension = Map.of(CrdConfiguration.DISCOVERY_EXTENSION, CrdConfiguration.options());
        List<ProductSettings> all = List.copyOf(products.keySet());
        String labels = join(all.stream().map(ProductSettings::label).toList(), " and ");
        String fullLabels = join(all.stream().map(ProductSettings::fullLabel).toList(), " or ");
        String names = join(all.stream().map(ProductSettings::name).toList(), " or ");
        String gates = String.join("; ", products.entrySet().stream().map(e -> e.getKey().name() + ": "
                + String.join(", ", e.getValue())).toList());
        this.services = List.of(
                new CdsServiceDescriptor("order-select", labels + " gates on order selection",
                        "Checks a selected " + fullLabels + " order against the label, payer and "
                                + "billing gates of its own policy while it is being composed.",
                        ORDER_SELECT_ID, templates.asDiscoveryPrefetch(), usage, extension),
                new CdsServiceDescriptor("order-sign", labels + " gates on order signing",
                        "Checks a " + fullLabels + " order before signature against its own policy's gates ("
                                + gates + "); returns Da Vinci CRD coverage information.",
                        ORDER_SIGN_ID, templates.asDiscoveryPrefetch(), usage, extension),
                new CdsServiceDescriptor("patient-view", labels + " post-infusion monitoring",
                        "After a " + names + " infusion: overdue weekly tests and follow-up, liver enzymes above "
                                + "the policy's limits, a factor inhibitor, or falling factor activity, named for the "
                                + "product given. Patients without an administration of " + names
                                + " get no cards.",
                        PATIENT_VIEW_ID, templates.asDiscoveryPrefetch(AssessmentService.MONITORING_PARTS), usage, Map.of()));
    }

    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    public List<CdsServiceDescriptor> services() {
        return services;
    }

    public Optional<CdsServiceDescriptor> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
