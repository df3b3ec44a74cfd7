package org.genegate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.genegate.findings.Severity;
import org.genegate.findings.SourceClass;

/**
 * A section of the policy file with its dotted path, so that every complaint names the file and
 * the exact key (e.g. {@code gates.nab-aav5.titerThreshold}). Reading is strict on purpose: a
 * typo or a wrong type must stop the service from starting, not fall back to a default. Each gate's settings read
 * their own section through it.
 */
public final class PolicyNode {

    /**
     * The keys every gate section has, before the gate's own parameters: {@code kind} and {@code titles} say which
     * gate kind the section runs and how it is named, when that is not the kind under its own id.
     */
    private static final List<String> GATE_KEYS = List.of("kind", "titles", "sourceClasses", "enabled", "source",
            "severities");
    private static final Set<String> TITLE_KEYS = new LinkedHashSet<>(List.of("title", "summary", "checks"));
    private static final Set<String> SEVERITY_KEYS = new LinkedHashSet<>(List.of("fail", "missing", "stale",
            "couldNotVerify"));
    private static final Set<String> LINK_KEYS = new LinkedHashSet<>(List.of("label", "url"));

    private final JsonNode node;
    private final String path;
    private final String origin;

    PolicyNode(JsonNode node, String path, String origin) {
        this.node = node;
        this.path = path;
        this.origin = origin;
    }

    public String path() {
        return path;
    }

    public PolicyException error(String key, String problem) {
        return new PolicyException(origin + ": " + keyPath(key) + ": " + problem);
    }

    private String keyPath(String key) {
        if (key == null) {
            return path.isEmpty() ? "(top level)" : path;
        }
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Rejects keys other than the allowed ones, naming the first unknown key. */
    public void allowOnly(Set<String> allowed) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!allowed.contains(name)) {
                throw error(name, "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    /** Allows the keys every gate section has (enabled, source, severities) plus the gate's own parameters. */
    public void allowGateKeys(String... parameters) {
        Set<String> allowed = new LinkedHashSet<>(GATE_KEYS);
        allowed.addAll(List.of(parameters));
        allowOnly(allowed);
    }

    /** The {@code severities} section of a gate: the card severity for each non-passing status. */
    public Severities severities() {
        PolicyNode section = object("severities");
        section.allowOnly(SEVERITY_KEYS);
        return new Severities(section.severity("fail"), section.severity("missing"), section.severity("stale"),
                section.severity("couldNotVerify"));
    }

    /** The keys of this mapping, in the order written. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Whether the mapping has the key with a value. */
    public boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull() && !value.isMissingNode();
    }

    /** A text that may be left out: its value, or the default. */
    public String text(String key, String defaultValue) {
        return has(key) ? text(key) : defaultValue;
    }

    /**
     * A gate section's own {@code sourceClasses} (as cards name them, e.g. "US label"), when it has them: what the
     * gate's findings rest on for this product, where that differs from its kind's.
     */
    public Optional<List<SourceClass>> sourceClasses() {
        if (!has("sourceClasses")) {
            return Optional.empty();
        }
        List<SourceClass> classes = new ArrayList<>();
        List<String> texts = textList("sourceClasses", false);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            SourceClass found = null;
            for (SourceClass candidate : SourceClass.values()) {
                if (candidate.text().equals(text)) {
                    found = candidate;
                }
            }
            if (found == null) {
                List<String> known = new ArrayList<>();
                for (SourceClass candidate : SourceClass.values()) {
                    known.add(candidate.text());
                }
                throw error("sourceClasses[" + i + "]", "'" + text + "' is not one of " + String.join(", ", known));
            }
            classes.add(found);
        }
        return Optional.of(List.copyOf(classes));
    }

    /** A gate section's own {@code titles}, when it has them. */
    public Optional<GateTitles> titles() {
        if (!has("titles")) {
            return Optional.empty();
        }
        PolicyNode titles = object("titles");
        titles.allowOnly(TITLE_KEYS);
        return Optional.of(new GateTitles(titles.text("title"), titles.text("summary"),
                titles.text("checks")));
    }

    /** A list of links, each with a label and an http(s) address; it may be empty. */
    public List<Link> links(String key) {
        List<Link> links = new ArrayList<>();
        for (PolicyNode l : objectList(key, true)) {
            l.allowOnly(LINK_KEYS);
            String url = l.text("url");
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw l.error("url", "must be an http(s) address, not '" + url + "'");
            }
            links.add(new Link(l.text("label"), url));
        }
        return links;
    }

    private JsonNode required(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw error(key, "missing");
        }
        return value;
    }

    public PolicyNode object(String key) {
        JsonNode value = required(key);
        if (!value.isObject()) {
            throw error(key, "must be a mapping of keys to values");
        }
        return new PolicyNode(value, keyPath(key), origin);
    }

    public String text(String key) {
        JsonNode value = required(key);
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(key, "must be a non-empty text");
        }
        return value.asText().trim();
    }

    public boolean bool(String key) {
        JsonNode value = required(key);
        if (!value.isBoolean()) {
            throw error(key, "must be true or false, not '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    public int positiveInt(String key) {
        JsonNode value = required(key);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() <= 0) {
            throw error(key, "must be a positive whole number, not '" + value.asText() + "'");
        }
        return value.intValue();
    }

    public BigDecimal positiveDecimal(String key) {
        return positiveDecimal(key, required(key));
    }

    private BigDecimal positiveDecimal(String key, JsonNode value) {
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            // YAML 1.1 reads an exponent without a sign (2.0e13) as text; accept it as the number it means.
            try {
                number = new BigDecimal(value.asText().trim());
            } catch (NumberFormatException e) {
                throw error(key, "must be a positive number, not '" + value.asText() + "'");
            }
        } else {
            throw error(key, "must be a positive number");
        }
        if (number.signum() <= 0) {
            throw error(key, "must be a positive number, not " + number.toPlainString());
        }
        return number;
    }

    public Severity severity(String key) {
        String text = text(key);
        for (Severity severity : Severity.values()) {
            if (severity.indicator().equals(text)) {
                return severity;
            }
        }
        throw error(key, "'" + text + "' is not a severity (use none, info, warning or critical)");
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type) {
        String text = text(key);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(text)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw error(key, "'" + text + "' is not one of " + String.join(", ", allowed));
    }

    public List<String> textList(String key, boolean mayBeEmpty) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw error(key, "must be a list of texts");
        }
        if (value.isEmpty() && !mayBeEmpty) {
            throw error(key, "must not be empty");
        }
        List<String> texts = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.asText().isBlank()) {
                throw error(key + "[" + i + "]", "must be a non-empty text");
            }
            texts.add(item.asText().trim());
        }
        return texts;
    }

    public List<PolicyNode> objectList(String key, boolean mayBeEmpty) {
        JsonNode value = required(key);
        if (!value.isArray()) {
            throw error(key, "must be a list");
        }
        if (value.isEmpty() && !mayBeEmpty) {
            throw error(key, "must not be empty");
        }
        List<PolicyNode> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                throw error(key + "[" + i + "]", "must be a mapping of keys to values");
            }
            items.add(new PolicyNode(item, keyPath(key) + "[" + i + "]", origin));
        }
        return items;
    }

    /** A mapping of texts to texts, keyed as written (e.g. LOINC code → assay name); empty when left out. */
    public Map<String, String> optionalTextMap(String key) {
        if (!has(key)) {
            return Map.of();
        }
        PolicyNode section = object(key);
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : section.node.properties()) {
            values.put(field.getKey(), section.text(field.getKey()));
        }
        return values;
    }

    /** A mapping whose values are positive numbers, keyed as written (e.g. unit → limit). */
    public Map<String, BigDecimal> positiveDecimalMap(String key) {
        PolicyNode section = object(key);
        if (section.node.isEmpty()) {
            throw error(key, "must not be empty");
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : section.node.properties()) {
            values.put(field.getKey(), section.positiveDecimal(field.getKey(), field.getValue()));
        }
        return values;
    }

    /** A non-empty list of positive whole numbers in ascending order (e.g. months after the infusion). */
    public List<Integer> positiveIntList(String key) {
        return positiveIntList(key, false);
    }

    /** A list of positive whole numbers in ascending order, empty only when allowed. */
    public List<Integer> positiveIntList(String key, boolean mayBeEmpty) {
        JsonNode value = required(key);
        if (!value.isArray() || (value.isEmpty() && !mayBeEmpty)) {
            throw error(key, "must be a non-empty list of positive whole numbers");
        }
        List<Integer> numbers = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToInt() || item.intValue() <= 0) {
                throw error(key + "[" + i + "]", "must be a positive whole number, not '" + item.asText() + "'");
            }
            if (!numbers.isEmpty() && item.intValue() <= numbers.get(numbers.size() - 1)) {
                throw error(key + "[" + i + "]", "must be greater than the number before it");
            }
            numbers.add(item.intValue());
        }
        return numbers;
    }
}
