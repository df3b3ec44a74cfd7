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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates a policy file: the shipped default from the classpath, or a site's own
 * file. Validation is complete and strict (version, every gate, severities, positive thresholds,
 * complete payer entries, no unknown or duplicate keys), so a bad file stops start-up with a
 * message naming the file and the key instead of changing what the gates do.
 */
public final class PolicyLoader {

    /** Classpath location of the shipped default policy. */
    public static final String DEFAULT_RESOURCE = "policy/j1411-policy.yaml";

    private static final Set<String> TOP_KEYS = keys("version", "gates", "links", "monitoring", "claim");
    private static final Set<String> SEVERITY_KEYS = keys("fail", "missing", "stale", "couldNotVerify");
    private static final Set<String> PAYER_KEYS = keys("id", "name", "match", "priorAuthorization",
            "outcomesBasedAgreement", "documentation", "links", "source");
    private static final Set<String> LINK_KEYS = keys("label", "url");
    /** The liver tests the gate reads; each needs a default upper limit. */
    private static final List<String> LIVER_TESTS = List.of("1742-6", "1920-8", "6768-6", "1975-2");

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
    public static Policy loadDefault() {
        ClassLoader loader = PolicyLoader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new PolicyException("classpath:" + DEFAULT_RESOURCE + ": not found");
            }
            return load(in, "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new PolicyException("classpath:" + DEFAULT_RESOURCE + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** A site's or payer's own policy file. */
    public static Policy load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString());
        } catch (IOException e) {
            throw new PolicyException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @param origin how to name the source in error messages, e.g. a file name
     */
    public static Policy load(InputStream in, String origin) {
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
        return read(new PolicyNode(root, "", origin));
    }

    private static Policy read(PolicyNode root) {
        root.allowOnly(TOP_KEYS);
        String version = root.text("version");
        PolicyNode gates = root.object("gates");
        gates.allowOnly(new LinkedHashSet<>(Policy.GATE_IDS));
        List<Link> links = links(root, "links");
        return new Policy(version,
                age(gates.object(AgeSettings.ID)),
                priorGeneTherapy(gates.object(PriorGeneTherapySettings.ID)),
                fixInhibitor(gates.object(FixInhibitorSettings.ID)),
                nabAav5(gates.object(NabAav5Settings.ID)),
                diagnosis(gates.object(DiagnosisSettings.ID)),
                fixActivity(gates.object(FixActivitySettings.ID)),
                prophylaxisOrBleeds(gates.object(ProphylaxisOrBleedsSettings.ID)),
                infections(gates.object(InfectionsSettings.ID)),
                baselineLiver(gates.object(BaselineLiverSettings.ID)),
                monitoringPlan(gates.object(MonitoringPlanSettings.ID)),
                weightAndDose(gates.object(WeightAndDoseSettings.ID)),
                siteOfCare(gates.object(SiteOfCareSettings.ID)),
                prescriber(gates.object(PrescriberSettings.ID)),
                coding(gates.object(CodingSettings.ID)),
                payer(gates.object(PayerSettings.ID)),
                orderNotes(gates.object(OrderNotesSettings.ID)),
                links,
                monitoring(root.object("monitoring")),
                claim(root.object("claim")));
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
        c.allowOnly(keys("source", "ndcUnit"));
        String unit = c.text("ndcUnit");
        if (!unit.equals(ClaimSettings.UNIT_KIT) && !unit.equals(ClaimSettings.UNIT_MILLILITRES)) {
            throw c.error("ndcUnit", "'" + unit + "' is not one of " + ClaimSettings.UNIT_KIT + ", "
                    + ClaimSettings.UNIT_MILLILITRES);
        }
        return new ClaimSettings(c.text("source"), unit);
    }

    /** Allows the keys every gate has plus the gate's own parameters. */
    private static void allow(PolicyNode gate, String... parameters) {
        Set<String> allowed = new LinkedHashSet<>(List.of("enabled", "source", "severities"));
        allowed.addAll(List.of(parameters));
        gate.allowOnly(allowed);
    }

    private static Severities severities(PolicyNode gate) {
        PolicyNode section = gate.object("severities");
        section.allowOnly(SEVERITY_KEYS);
        return new Severities(section.severity("fail"), section.severity("missing"), section.severity("stale"),
                section.severity("couldNotVerify"));
    }

    private static AgeSettings age(PolicyNode g) {
        allow(g, "minimumAgeYears");
        return new AgeSettings(g.bool("enabled"), severities(g), g.text("source"), g.positiveInt("minimumAgeYears"));
    }

    private static PriorGeneTherapySettings priorGeneTherapy(PolicyNode g) {
        allow(g, "otherGeneTherapyNames", "duplicateOrderSeverity");
        return new PriorGeneTherapySettings(g.bool("enabled"), severities(g), g.text("source"),
                g.textList("otherGeneTherapyNames", true), g.severity("duplicateOrderSeverity"));
    }

    private static FixInhibitorSettings fixInhibitor(PolicyNode g) {
        allow(g, "historySeverity", "windowDays", "positiveThresholdBu");
        return new FixInhibitorSettings(g.bool("enabled"), severities(g), g.text("source"),
                g.severity("historySeverity"), g.positiveInt("windowDays"), g.positiveDecimal("positiveThresholdBu"));
    }

    private static NabAav5Settings nabAav5(PolicyNode g) {
        allow(g, "windowDays", "clinicalStudyTiterLimit", "extendedRangeTiterLimit", "extendedRangeAssayNames",
                "clinicalStudyAssayNames");
        return new NabAav5Settings(g.bool("enabled"), severities(g), g.text("source"), g.positiveInt("windowDays"),
                g.positiveDecimal("clinicalStudyTiterLimit"), g.positiveDecimal("extendedRangeTiterLimit"),
                g.textList("extendedRangeAssayNames", false), g.textList("clinicalStudyAssayNames", false));
    }

    private static DiagnosisSettings diagnosis(PolicyNode g) {
        allow(g);
        return new DiagnosisSettings(g.bool("enabled"), severities(g), g.text("source"));
    }

    private static FixActivitySettings fixActivity(PolicyNode g) {
        allow(g, "maximumPercent");
        return new FixActivitySettings(g.bool("enabled"), severities(g), g.text("source"),
                g.positiveDecimal("maximumPercent"));
    }

    private static ProphylaxisOrBleedsSettings prophylaxisOrBleeds(PolicyNode g) {
        allow(g);
        return new ProphylaxisOrBleedsSettings(g.bool("enabled"), severities(g), g.text("source"));
    }

    private static InfectionsSettings infections(PolicyNode g) {
        allow(g, "hivRnaMaxCopiesPerMl", "cd4MinCellsPerUl");
        return new InfectionsSettings(g.bool("enabled"), severities(g), g.text("source"),
                g.positiveDecimal("hivRnaMaxCopiesPerMl"), g.positiveDecimal("cd4MinCellsPerUl"));
    }

    private static BaselineLiverSettings baselineLiver(PolicyNode g) {
        allow(g, "windowDays", "ulnMultiple", "defaultUpperLimits", "imagingWindowDays", "advancedDiseaseSeverity",
                "advancedDiseaseCodes", "normalFindingCodes", "stiffnessAdvancedKpa", "stiffnessSuggestiveKpa");
        PolicyNode limits = g.object("defaultUpperLimits");
        limits.allowOnly(new LinkedHashSet<>(LIVER_TESTS));
        Map<String, Map<String, BigDecimal>> byTest = new LinkedHashMap<>();
        for (String test : LIVER_TESTS) {
            byTest.put(test, limits.positiveDecimalMap(test));
        }
        return new BaselineLiverSettings(g.bool("enabled"), severities(g), g.text("source"), g.positiveInt("windowDays"),
                g.positiveDecimal("ulnMultiple"), byTest, g.positiveInt("imagingWindowDays"),
                g.severity("advancedDiseaseSeverity"), codes(g, "advancedDiseaseCodes"), codes(g, "normalFindingCodes"),
                g.positiveDecimal("stiffnessAdvancedKpa"), g.positiveDecimal("stiffnessSuggestiveKpa"));
    }

    /** A list of {@code system|code} strings, each with both parts. */
    private static Set<String> codes(PolicyNode g, String key) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : g.textList(key, false)) {
            int bar = code.indexOf('|');
            if (bar <= 0 || bar == code.length() - 1) {
                throw new PolicyException("gates.baseline-liver." + key + ": '" + code + "' is not system|code");
            }
            codes.add(code);
        }
        return codes;
    }

    private static MonitoringPlanSettings monitoringPlan(PolicyNode g) {
        allow(g);
        return new MonitoringPlanSettings(g.bool("enabled"), severities(g), g.text("source"));
    }

    private static WeightAndDoseSettings weightAndDose(PolicyNode g) {
        allow(g, "windowDays", "genomeCopiesPerKg", "millilitresPerKg", "vialMillilitres", "tolerancePercent");
        return new WeightAndDoseSettings(g.bool("enabled"), severities(g), g.text("source"), g.positiveInt("windowDays"),
                g.positiveDecimal("genomeCopiesPerKg"), g.positiveDecimal("millilitresPerKg"),
                g.positiveDecimal("vialMillilitres"), g.positiveDecimal("tolerancePercent"));
    }

    private static SiteOfCareSettings siteOfCare(PolicyNode g) {
        allow(g);
        return new SiteOfCareSettings(g.bool("enabled"), severities(g), g.text("source"));
    }

    private static PrescriberSettings prescriber(PolicyNode g) {
        allow(g);
        return new PrescriberSettings(g.bool("enabled"), severities(g), g.text("source"));
    }

    private static CodingSettings coding(PolicyNode g) {
        allow(g, "infusionRateMlPerHour", "addOnThresholdMinutes");
        return new CodingSettings(g.bool("enabled"), severities(g), g.text("source"),
                g.positiveDecimal("infusionRateMlPerHour"), g.positiveInt("addOnThresholdMinutes"));
    }

    private static OrderNotesSettings orderNotes(PolicyNode g) {
        allow(g, "notes");
        List<OrderNotesSettings.Note> notes = new ArrayList<>();
        for (PolicyNode note : g.objectList("notes", false)) {
            note.allowOnly(keys("text", "source"));
            notes.add(new OrderNotesSettings.Note(note.text("text"), note.text("source")));
        }
        return new OrderNotesSettings(g.bool("enabled"), severities(g), g.text("source"), notes);
    }

    private static PayerSettings payer(PolicyNode g) {
        allow(g, "payers");
        List<PayerEntry> payers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PolicyNode p : g.objectList("payers", false)) {
            p.allowOnly(PAYER_KEYS);
            String id = p.text("id");
            if (!ids.add(id)) {
                throw p.error("id", "payer id '" + id + "' appears twice");
            }
            payers.add(new PayerEntry(id, p.text("name"), p.textList("match", false),
                    p.choice("priorAuthorization", PriorAuthorization.class), p.text("outcomesBasedAgreement"),
                    p.textList("documentation", false), links(p, "links"), p.text("source")));
        }
        return new PayerSettings(g.bool("enabled"), severities(g), g.text("source"), payers);
    }

    private static List<Link> links(PolicyNode parent, String key) {
        List<Link> links = new ArrayList<>();
        for (PolicyNode l : parent.objectList(key, true)) {
            l.allowOnly(LINK_KEYS);
            String url = l.text("url");
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                throw l.error("url", "must be an http(s) address, not '" + url + "'");
            }
            links.add(new Link(l.text("label"), url));
        }
        return links;
    }
}
