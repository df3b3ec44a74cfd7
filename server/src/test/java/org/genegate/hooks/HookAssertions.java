package org.genegate.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.genegate.gates.GateCatalog;
import org.genegate.gates.Gates;
import org.genegate.policy.Policy;
import org.genegate.policy.PolicyLoader;

/** Reads a hook response the way the scenario expectations are written: card groups and gate findings. */
public final class HookAssertions {

    private HookAssertions() {
    }

    /** critical | documentation | unverified | coding | payer, one per card, in card order. */
    public static List<String> cardGroups(JsonNode response) {
        List<String> groups = new ArrayList<>();
        for (JsonNode card : response.get("cards")) {
            String indicator = card.get("indicator").asText();
            String topic = card.at("/source/topic/code").asText();
            if (indicator.equals("critical")) {
                groups.add("critical");
            } else if (indicator.equals("info")) {
                groups.add("payer");
            } else if (topic.equals("claim")) {
                groups.add("coding");
            } else if (allUnverified(card)) {
                groups.add("unverified");
            } else {
                groups.add("documentation");
            }
        }
        return groups;
    }

    private static boolean allUnverified(JsonNode card) {
        for (JsonNode finding : card.at("/extension/genegate.findings")) {
            if (!finding.get("status").asText().equals("COULD_NOT_VERIFY")) {
                return false;
            }
        }
        return true;
    }

    /** gate id → status of every finding on any card that is not a pass (the payer card lists its PASS too). */
    public static Map<String, String> findings(JsonNode response) {
        Map<String, String> findings = new TreeMap<>();
        for (JsonNode card : response.get("cards")) {
            for (JsonNode finding : card.at("/extension/genegate.findings")) {
                if (finding.get("status").asText().equals("PASS")) {
                    continue;
                }
                findings.put(finding.get("gate").asText(), finding.get("status").asText());
            }
        }
        return findings;
    }

    private static final List<Policy> POLICIES = PolicyLoader.loadShipped(Gates.ALL).all();

    /** How the gates of the card's product are named: the policy whose product label starts the summary. */
    private static GateCatalog gatesOfCard(JsonNode card) {
        String summary = card.path("summary").asText();
        return GateCatalog.of(POLICIES.stream().filter(p -> summary.startsWith(p.product().label())).findFirst()
                .orElse(POLICIES.get(0)));
    }

    private static final List<String> SOURCE_CLASSES = List.of("US label", "EU SmPC", "payer policy", "trial criterion",
            "billing sheet", "HCPCS/CPT code set", "team default");

    /**
     * Every finding on every card names the classes of source its rule comes from, its detail line shows exactly
     * those, and the critical card's lead attributes each finding to its own classes only (never "label" for a
     * payer rule).
     */
    static void assertSourcesStated(JsonNode response) {
        for (JsonNode card : response.get("cards")) {
            String detail = card.path("detail").asText();
            GateCatalog gates = gatesOfCard(card);
            assertThat(detail).doesNotContain("label or clinical safety");
            List<String> lead = new ArrayList<>();
            for (JsonNode finding : card.at("/extension/genegate.findings")) {
                String gate = finding.get("gate").asText();
                List<String> sources = new ArrayList<>();
                finding.path("sources").forEach(source -> sources.add(source.asText()));
                assertThat(sources).as("source classes of %s", gate).isNotEmpty().isSubsetOf(SOURCE_CLASSES);
                String named = sources.size() == 1 ? sources.get(0)
                        : String.join(", ", sources.subList(0, sources.size() - 1)) + " and " + sources.get(sources.size() - 1);
                assertThat(detail).as("detail line of %s", gate).contains("**" + gates.title(gate) + "** (")
                        .contains("; " + named + "): ");
                lead.add(gates.title(gate) + ": " + named);
            }
            if (card.get("indicator").asText().equals("critical")) {
                assertThat(detail).contains("These findings come from: " + String.join("; ", lead) + ".");
            }
        }
    }

    /** What CDS Hooks 2.0 and Inferno's CRD checks require of every card and action. */
    static void assertWellFormed(JsonNode response) {
        for (JsonNode card : response.get("cards")) {
            assertThat(card.get("uuid").asText()).isNotBlank();
            // Every card names the product it is about.
            assertThat(card.get("summary").asText()).hasSizeLessThanOrEqualTo(139)
                    .containsAnyOf("Hemgenix", "Roctavian");
            assertThat(card.get("indicator").asText()).isIn("info", "warning", "critical");
            assertThat(card.at("/source/label").asText()).isNotBlank();
            assertThat(card.at("/source/topic/system").asText()).isNotBlank();
            assertThat(card.at("/source/topic/code").asText()).isNotBlank();
            for (JsonNode suggestion : card.path("suggestions")) {
                assertThat(suggestion.get("uuid").asText()).isNotBlank();
                assertThat(suggestion.get("label").asText()).isNotBlank();
                for (JsonNode action : suggestion.get("actions")) {
                    assertWellFormedAction(action);
                }
            }
            for (JsonNode link : card.path("links")) {
                assertThat(link.get("url").asText()).startsWith("http");
                assertThat(link.get("type").asText()).isIn("absolute", "smart");
            }
            if (card.get("indicator").asText().equals("critical")) {
                assertThat(card.get("overrideReasons")).isNotEmpty();
            }
        }
        for (JsonNode action : response.path("systemActions")) {
            assertWellFormedAction(action);
        }
    }

    private static void assertWellFormedAction(JsonNode action) {
        assertThat(action.get("type").asText()).isIn("create", "update", "delete");
        assertThat(action.get("description").asText()).isNotBlank();
        if (action.get("type").asText().equals("delete")) {
            assertThat(action.get("resourceId").asText()).matches("[A-Za-z]+/[A-Za-z0-9\\-.]+");
        } else {
            assertThat(action.at("/resource/resourceType").asText()).isNotBlank();
        }
    }
}
