package org.genegate.hooks.faults;

import java.nio.charset.StandardCharsets;

/**
 * One malformed or hostile call to the CDS endpoints and the refusal it must get.
 *
 * @param expectedStatus the exact 4xx it must get
 */
record HostileRequest(String category, String name, String method, String path, String contentType, byte[] body,
                      boolean chunked, int expectedStatus) {

    static HostileRequest post(String category, String name, String path, String json, int expectedStatus) {
        return new HostileRequest(category, name, "POST", path, "application/json",
                json.getBytes(StandardCharsets.UTF_8), false, expectedStatus);
    }

    @Override
    public String toString() {
        return category + ": " + name;
    }
}
