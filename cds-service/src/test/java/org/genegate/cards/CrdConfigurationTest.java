package org.genegate.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.genegate.cdshooks.Card;
import org.genegate.cdshooks.CardCoding;
import org.genegate.cdshooks.CardSource;
import org.genegate.cdshooks.ConfigurationOption;
import org.junit.jupiter.api.Test;

class CrdConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsCardTypesSwitchedOffAndMaxCards() throws Exception {
        CrdConfiguration configuration = CrdConfiguration.from(JSON.readTree(
                "{\"davinci-crd.configuration\": {\"claim\": false, \"guideline\": true, \"max-cards\": 3}}"));

        assertThat(configuration.disabledCardTypes()).containsExactly("claim");
        assertThat(configuration.maxCards()).isEqualTo(3);
    }

    @Test
    void ignoresWhatItCannotUse() throws Exception {
        for (String extension : List.of("null", "\"x\"", "[]", "{}", "{\"davinci-crd.configuration\": []}",
                "{\"davinci-crd.configuration\": {\"claim\": \"false\", \"max-cards\": -1, \"alt-drug\": false}}",
                "{\"davinci-crd.configuration\": {\"max-cards\": 1.5}}",
                "{\"davinci-crd.configuration\": {\"max-cards\": 99999999999}}")) {
            assertThat(CrdConfiguration.from(JSON.readTree(extension))).as(extension).isEqualTo(CrdConfiguration.DEFAULT);
        }
        assertThat(CrdConfiguration.from(null)).isEqualTo(CrdConfiguration.DEFAULT);
    }

    @Test
    void maxCardsKeepsCriticalThenWarningThenInfoInTheirOriginalOrder() {
        Card info = card("info", CardTopics.COVERAGE_INFO);
        Card warning = card("warning", CardTopics.GUIDELINE);
        Card critical = card("critical", CardTopics.CONTRAINDICATION);
        Card claim = card("warning", CardTopics.CLAIM);

        CrdConfiguration.Selection selection = new CrdConfiguration(java.util.Set.of(), 2)
                .select(List.of(info, warning, critical, claim));

        assertThat(selection.sent()).containsExactly(warning, critical);
        assertThat(selection.withheld()).containsExactlyInAnyOrder(info, claim);
    }

    @Test
    void switchedOffTypesAreWithheld() throws Exception {
        JsonNode extension = JSON.readTree("{\"davinci-crd.configuration\": {\"contraindication\": false}}");
        Card critical = card("critical", CardTopics.CONTRAINDICATION);
        Card info = card("info", CardTopics.COVERAGE_INFO);

        CrdConfiguration.Selection selection = CrdConfiguration.from(extension).select(List.of(critical, info));

        assertThat(selection.sent()).containsExactly(info);
        assertThat(selection.withheld()).containsExactly(critical);
    }

    @Test
    void advertisesEveryCardTypeItEmitsAndMaxCards() {
        assertThat(CrdConfiguration.options()).extracting(ConfigurationOption::code)
                .containsExactly("claim", "contraindication", "coverage-info", "guideline", "max-cards");
        assertThat(CrdConfiguration.options()).allSatisfy(o -> assertThat(o.type()).isIn("boolean", "integer"));
    }

    private static Card card(String indicator, CardCoding topic) {
        return new Card(java.util.UUID.randomUUID().toString(), indicator + " card", null, indicator,
                new CardSource("test", null, topic), List.of(), null, List.of(), List.of(), Map.of());
    }
}
