package org.genegate.assessment;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * The draft orders of one request.
 *
 * @param problem why the container of the orders (e.g. the hook's draftOrders Bundle) is not valid, so nothing
 *                says which orders it holds; null when it is valid. Orders for other drugs are not judged, so it
 *                fails a call only when an order of a gated product is among them.
 */
public record SentOrders(List<SentOrder> orders, String problem) {

    public SentOrders {
        orders = List.copyOf(orders);
    }

    public static SentOrders none() {
        return new SentOrders(List.of(), null);
    }

    /** Orders taken as they are (e.g. already parsed by HAPI for a FHIR operation). */
    public static SentOrders exact(List<? extends Resource> resources) {
        return new SentOrders(resources.stream().map(SentOrder::exact).toList(), null);
    }

    public List<Resource> resources() {
        return orders.stream().map(SentOrder::resource).toList();
    }
}
