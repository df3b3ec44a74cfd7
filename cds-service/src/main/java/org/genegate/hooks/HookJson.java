package org.genegate.hooks;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** How every CDS Hooks body (hook requests and feedback alike) is read as JSON. */
final class HookJson {

    /** Deeper nesting than this is not a FHIR resource an EHR would send; refuse before parsing it. */
    static final int MAX_NESTING_DEPTH = 100;

    private HookJson() {
    }

    static ObjectMapper strictMapper() {
        // Decimals stay exact (1.50 is not 1.5), as in HAPI's own JSON reader, since resources are handed to
        // HAPI's parser as this tree.
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // "{...} trailing" and {"hook": "a", "hook": "b"} are not one clear request.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
        return mapper;
    }
}
