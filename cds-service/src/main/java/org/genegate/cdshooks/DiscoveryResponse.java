package org.genegate.cdshooks;

import java.util.List;

/** {@code GET /cds-services}. */
public record DiscoveryResponse(List<CdsServiceDescriptor> services) {
}
