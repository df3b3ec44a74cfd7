package org.genegate.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.genegate.profiles.ConformancePackages;

/**
 * The Inferno Da Vinci CRD test kit's example material in {@code shared/conformance/inferno-crd-test-kit}
 * beside the checkout: example hook requests, the request bodies it offers, and its TEST signing keys.
 */
final class InfernoKit {

    private final Path folder;

    private InfernoKit(Path folder) {
        this.folder = folder;
    }

    /** The kit, or empty when {@code shared/conformance} is not beside this checkout. */
    static Optional<InfernoKit> find() {
        return ConformancePackages.folder().map(f -> f.resolve("inferno-crd-test-kit")).filter(Files::isDirectory)
                .map(InfernoKit::new);
    }

    InfernoJwt jwt() {
        return InfernoJwt.load(folder.resolve("inferno_crd_jwks_TEST_KEYS_incl_private.json"));
    }

    /** Every example request body the kit has for the hook: its example file and its request presets. */
    List<JsonNode> requests(String hook) {
        String stem = hook.replace('-', '_');
        List<JsonNode> requests = new ArrayList<>();
        requests.add(read(stem + "_hook_request.json"));
        JsonNode presets = read("ri_preset_" + stem + "_request_bodies.json");
        presets.forEach(requests::add);
        return requests;
    }

    JsonNode read(String file) {
        try {
            return HookClient.read(Files.readString(folder.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
