package org.genegate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.genegate.server.AbstractServerIT;
import org.junit.jupiter.api.Test;

/**
 * AuditEvents are indexed only for the search parameters audit queries use; the others are retired at start-up,
 * so HAPI neither indexes nor accepts them.
 */
class AuditEventSearchParametersIT extends AbstractServerIT {

    @Test
    void theAuditQueriesStillWork() {
        for (String query : List.of("patient=Patient/nab-high-patient", "entity=Patient/nab-high-patient",
                "entity-name:exact=Patient/nab-high-patient", "date=ge2020-01-01", "agent:missing=false",
                "type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest", "subtype=read", "outcome=0",
                "source:missing=false")) {
            HttpResponse<String> response = fhirGet("AuditEvent?" + query + "&_summary=count");
            assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void theParametersNoAuditQueryUsesAreRetired() {
        for (String query : List.of("action=R", "entity-type=2", "entity-role=24", "agent-role=x", "agent-name=x",
                "altid=x", "address=127.0.0.1", "policy=http://example.org", "site=x")) {
            HttpResponse<String> response = fhirGet("AuditEvent?" + query);
            assertThat(response.statusCode()).as(query + " → " + response.body()).isEqualTo(400);
            assertThat(response.body()).contains("Unknown search parameter");
        }
    }
}
