package org.genegate.policy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a policy file: the shipped default from the classpath, or a site's own
 * file. Validation is complete and strict (version, every gate, severities, positive thresholds,
 * complete payer entries, no unknown or duplicate keys), so a bad file stops start-up with a
 * message naming the file and the key instead of changing what the gates do. A policy lists the gates it runs; each
 * section is read by its gate kind's own {@link GateSection} (the section's {@code kind:}, by default its key).
 */
public final class PolicyLoader {

    /** Classpath location of the shipped policy of the default product (Hemgenix). */
    public static final String DEFAULT_RESOURCE = "policy/j1411-policy.yaml";

    /** Classpath locations of the shipped policies, one per product; the first is the default product's. */
    public static final List<String> SHIPPED_RESOURCES = List.of(DEFAULT_RESOURCE, "policy/j1412-policy.yaml");

    private static final Set<String> TOP_KEYS = keys("version", "product", "gates", "links", "monitoring", "claim");

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            // A key written twice would otherwise silently keep the last value.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Exact decimals: 0.6 BU must stay 0.6, not 0.59999….
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private PolicyLoader() {
    }

    /** A key set that keeps the written order, so "allowed here" lists read the same every time. */
    private static Set<String> keys(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    /** The shipped policy of the default product (the first of {@link #SHIPPED_RESOURCES}). */
    public static Policy loadDefault(List<? extends GateSection<?>> kinds) {
        return loadResource(SHIPPED_RESOURCES.get(0), kinds);
    }

    /** Every shipped policy, in the order of {@link #SHIPPED_RESOURCES}. */
    public static Policies loadShipped(List<? extends GateSection<?>> kinds) {
        return new Policies(SHIPPED_RESOURCES.stream().map(r -> loadResource(r, kinds)).toList());
    }

    /** A policy shipped on the classpath. */
    public static Policy loadResource(String resource, List<? extends GateSection<?>> kinds) {
        ClassLoader loader = PolicyLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyException("classpath:" + resource + ": not found");
            }
            return load(in, "classpath:" + resource, kinds);
        } catch (IOException e) {
            throw new PolicyException("classpath:" + resource + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A site's or payer's own policy file. */
    public static Policy load(Path file, List<? extends GateSection<?>> kinds) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), kinds);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param origin how to name the source in error messages, e.g. a file name
     * @param kinds  the gate kinds a section may run, each read by its own {@link GateSection}
     */
    public static Policy load(InputStream in, String origin, List<? extends GateSection<?>> kinds) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (JacksonException e) {
            throw new PolicyException(origin + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PolicyException(origin + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(origin + ": must be a YAML mapping with version, gates and links");
        }
        return read(new PolicyNode(root, "", origin), kinds);
    }

    private static Policy read(PolicyNode root, List<? extends GateSection<?>> kinds) {
        root.allowOnly(TOP_KEYS);
        String version = root.text("version");
        ProductSettings product = product(root.object("product"));
        Map<String, GateSection<?>> byKind = new LinkedHashMap<>();
        for (GateSection<?> kind : kinds) {
            if (byKind.put(kind.id(), kind) != null) {
                throw new IllegalArgumentException("Two gate kinds share the id " + kind.id());
            }
        }
        PolicyNode gates = root.object("gates");
        List<PolicyGate> entries = new ArrayList<>();
        // The policy lists the gates it runs, in the order they run; a kind it does not list does not run.
        for (String id : gates.keys()) {
            PolicyNode section = gates.object(id);
            String kindId = section.text("kind", id);
            GateSection<?> kind = byKind.get(kindId);
            if (kind == null) {
                throw section.error(section.has("kind") ? "kind" : null, "'" + kindId + "' is no gate kind (known: "
                        + String.join(", ", byKind.keySet()) + ")");
            }
            entries.add(new PolicyGate(id, kindId, kind.read(section), section.titles(), section.sourceClasses()));
        }
        if (entries.isEmpty()) {
            throw gates.error(null, "must list at least one gate");
        }
        List<Link> links = root.links("links");
        return new Policy(version, product, entries, links, monitoring(root.object("monitoring")),
                claim(root.object("claim")));
    }

    private static ProductSettings product(PolicyNode p) {
        p.allowOnly(keys("name", "genericName", "billingCode", "valueSet", "names"));
        return new ProductSettings(p.text("name"), p.text("genericName"), p.text("billingCode"), p.text("valueSet"),
                p.textList("names", false));
    }

    private static MonitoringSettings monitoring(PolicyNode m) {
        m.allowOnly(keys("source", "weeklyTestWeeks", "weeklyGraceDays", "altAboveBaselineMultiple", "followUpMonths",
                "followUpGraceDays", "milestoneMonths", "milestoneGraceDays", "altUlnMultiple", "altBaselineMultiple",
                "altTriggerSource",
                "fixActivityDropPercent", "standardHalfLifeWashoutDays", "extendedHalfLifeWashoutDays",
                "extendedHalfLifeProducts", "liverCancerRiskConditions", "liverCancerRiskFindings",
                "liverCancerRiskAgeYears", "liverSurveillanceYears", "liverSurveillanceSource", "factor", "weeklyAst",
                "afterWeeklyPhase", "severities"));
        PolicyNode severities = m.object("severities");
        severities.allowOnly(keys("overdue", "altRise", "inhibitor", "fixActivityFall", "outcomesAgreement"));
        BigDecimal drop = m.positiveDecimal("fixActivityDropPercent");
        // Without follow-up months the plan must say what happens after the weekly phase; with them it need not.
        String afterWeekly = m.positiveIntList("followUpMonths", true).isEmpty() ? m.text("afterWeeklyPhase")
                : m.text("afterWeeklyPhase", "");
        if (drop.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw m.error("fixActivityDropPercent", "must be below 100, not " + drop.toPlainString());
        }
        return new MonitoringSettings(m.text("source"), m.positiveInt("weeklyTestWeeks"), m.positiveInt("weeklyGraceDays"),
                m.positiveDecimal("altAboveBaselineMultiple"), m.positiveIntList("followUpMonths", true),
                m.positiveInt("followUpGraceDays"), m.positiveIntList("milestoneMonths", true),
                m.positiveInt("milestoneGraceDays"), m.positiveDecimal("altUlnMultiple"),
                m.positiveDecimal("altBaselineMultiple"), m.text("altTriggerSource"), drop, m.positiveInt("standardHalfLifeWashoutDays"),
                m.positiveInt("extendedHalfLifeWashoutDays"), m.textList("extendedHalfLifeProducts", true),
                m.textList("liverCancerRiskConditions", true), m.textList("liverCancerRiskFindings", true),
                m.positiveInt("liverCancerRiskAgeYears"), m.positiveInt("liverSurveillanceYears"),
                m.text("liverSurveillanceSource"), factor(m.object("factor")), m.bool("weeklyAst"), afterWeekly,
                severities.severity("overdue"), severities.severity("altRise"), severities.severity("inhibitor"),
                severities.severity("fixActivityFall"), severities.severity("outcomesAgreement"));
    }

    private static FactorMonitoring factor(PolicyNode f) {
        f.allowOnly(keys("name", "activity", "activityValueSet", "activityCode", "activityDisplay", "inhibitor",
                "inhibitorValueSet", "productsValueSet"));
        return new FactorMonitoring(f.text("name"), f.text("activity"), f.text("activityValueSet"),
                f.text("activityCode"), f.text("activityDisplay"), f.text("inhibitor"), f.text("inhibitorValueSet"),
                f.text("productsValueSet", ""));
    }

    private static ClaimSettings claim(PolicyNode c) {
        c.allowOnly(keys("source", "ndcUnit", "billingUnit", "discardModifiers", "unclassifiedCode",
                "primaryDiagnosis", "unbilledTests"));
        String unit = c.text("ndcUnit");
        if (!unit.equals(ClaimSettings.UNIT_KIT) && !unit.equals(ClaimSettings.UNIT_MILLILITRES)) {
            throw c.error("ndcUnit", "'" + unit + "' is not one of " + ClaimSettings.UNIT_KIT + ", "
                    + ClaimSettings.UNIT_MILLILITRES);
        }
        return new ClaimSettings(c.text("source"), unit, c.choice("billingUnit", ClaimSettings.BillingUnit.class),
                c.bool("discardModifiers"), c.choice("unclassifiedCode", ClaimSettings.IssueSeverity.class),
                c.text("primaryDiagnosis"), c.textList("unbilledTests", true));
    }
}
