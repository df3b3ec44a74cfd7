package org.genegate.plainhapi;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.hapi.fhir.cdshooks.api.CdsService;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;

/**
 * An order-sign service with no logic: one info card whatever the request. Its id is the GeneGate order-sign
 * service's, so the benchmark sends both the same requests; it declares no prefetch, so HAPI never fetches any,
 * and the prefetch a request carries is only parsed.
 */
public class TrivialOrderSignService {

    @CdsService(value = "j1411-order-sign", hook = "order-sign", title = "Trivial order-sign",
            description = "Answers one info card, whatever is ordered", prefetch = {})
    public CdsServiceResponseJson orderSign(CdsServiceRequestJson request) {
        CdsServiceResponseJson response = new CdsServiceResponseJson();
        response.addCard(new CdsServiceResponseCardJson()
                .setSummary("Order received")
                .setIndicator(CdsServiceIndicatorEnum.INFO)
                .setSource(new CdsServiceResponseCardSourceJson().setLabel("plain HAPI")));
        return response;
    }
}
