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
 * message naming the file and the key instead of changing what the gates do. Each gate's section is
 * read by the gate's own {@link GateSection}; the loader is handed the sections to read.
 */
public final class PolicyLoader {

    /** Classpath location of the shipped default policy. */
    public static final String DEFAULT_RESOURCE = "policy/j1411-policy.yaml";

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

    /** The shipped default policy. */
    public static Policy loadDefault(List<? extends GateSection<?>> sections) {
        ClassLoader loader = PolicyLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new PolicyException("classpath:" + DEFAULT_RESOURCE + ": not found");
            }
            return load(in, "classpath:" + DEFAULT_RESOURCE, sections);
        } catch (IOException e) {
            throw new PolicyException("classpath:" + DEFAULT_RESOURCE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A site's or payer's own policy file. */
    public static Policy load(Path file, List<? extends GateSection<?>> sections) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), sections);
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param origin   how to name the source in error messages, e.g. a file name
     * @param sections the gate sections to read, in the order the gates run
     */
    public static Policy load(InputStream in, String origin, List<? extends GateSection<?>> sections) {
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
        return read(new PolicyNode(root, "", origin), sections);
    }

    private static Policy read(PolicyNode root, List<? extends GateSection<?>> sections) {
        root.allowOnly(TOP_KEYS);
        String version = root.text("version");
        ProductSettings product = product(root.object("product"));
        PolicyNode gates = root.object("gates");
        Set<String> ids = new LinkedHashSet<>();
        for (GateSection<?> section : sections) {
            if (!ids.add(section.id())) {
                throw new IllegalArgumentException("Two gate sections share the id " + section.id());
            }
        }
        gates.allowOnly(ids);
        Map<String, GateSettings> settings = new LinkedHashMap<>();
        for (GateSection<?> section : sections) {
            GateSettings read = section.read(gates.object(section.id()));
            if (!read.gateId().equals(section.id())) {
                throw new IllegalStateException("The section " + section.id() + " read the settings of "
                        + read.gateId());
            }
            settings.put(section.id(), read);
        }
        List<Link> links = root.links("links");
        return new Policy(version, product, settings, links, monitoring(root.object("monitoring")),
                claim(root.object("claim")));
    }

    private static ProductSettings product(PolicyNode p) {
        p.allowOnly(keys("name", "genericName", "billingCode", "names"));
        return new ProductSettings(p.text("name"), p.text("genericName"), p.text("billingCode"),
                p.textList("names", false));
    }

    private static MonitoringSettings monitoring(PolicyNode m) {
        m.allowOnly(keys("source", "weeklyTestWeeks", "weeklyGraceDays", "altAboveBaselineMultiple", "followUpMonths",
                "followUpGraceDays", "milestoneMonths", "milestoneGraceDays", "altUlnMultiple", "altBaselineMultiple",
                "fixActivityDropPercent", "standardHalfLifeWashoutDays", "extendedHalfLifeWashoutDays",
                "extendedHalfLifeProducts", "liverCancerRiskConditions", "liverCancerRiskFindings",
                "liverCancerRiskAgeYears", "liverSurveillanceYears", "severities"));
        PolicyNode severities = m.object("severities");
        severities.allowOnly(keys("overdue", "altRise", "inhibitor", "fixActivityFall", "outcomesAgreement"));
        BigDecimal drop = m.positiveDecimal("fixActivityDropPercent");
        if (drop.compareTo(BigDecimal.valueOf(100)) >= 0) {
            throw m.error("fixActivityDropPercent", "must be below 100, not " + drop.toPlainString());
        }
        return new MonitoringSettings(m.text("source"), m.positiveInt("weeklyTestWeeks"), m.positiveInt("weeklyGraceDays"),
                m.positiveDecimal("altAboveBaselineMultiple"), m.positiveIntList("followUpMonths"),
                m.positiveInt("followUpGraceDays"), m.positiveIntList("milestoneMonths"),
                m.positiveInt("milestoneGraceDays"), m.positiveDecimal("altUlnMultiple"),
                m.positiveDecimal("altBaselineMultiple"), drop, m.positiveInt("standardHalfLifeWashoutDays"),
                m.positiveInt("extendedHalfLifeWashoutDays"), m.textList("extendedHalfLifeProducts", true),
                m.textList("liverCancerRiskConditions", true), m.textList("liverCancerRiskFindings", true),
                m.positiveInt("liverCancerRiskAgeYears"), m.positiveInt("liverSurveillanceYears"),
                severities.severity("overdue"), severities.severity("altRise"), severities.severity("inhibitor"),
                severities.severity("fixActivityFall"), severities.severity("outcomesAgreement"));
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
