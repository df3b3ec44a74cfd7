package org.genegate.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Moves a scenario from the day it was written for (its visit, {@code visitDate} in index.json) to the day it is
 * loaded, so a post-infusion patient is in the same week of follow-up on any day and nothing lies in the future.
 * Every date, dateTime and instant moves by the same whole days, so windows, week numbers and the ages the gates
 * compute on the visit stay as written. A birth date moves by the calendar period instead (years, months, days):
 * a whole number of days would shift an 18th birthday by one when the two spans hold different leap days.
 *
 * @param writtenVisit the visit day the scenario files are written against
 * @param visit        the day the scenario is seen on (the load day)
 */
public record ScenarioDates(LocalDate writtenVisit, LocalDate visit) {

    /** A FHIR date, dateTime or instant with at least a full date; the rest (time, zone) is kept as written. */
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})?)?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whole days every date moves by (negative when the scenario was written for a later day). */
    public long shiftDays() {
        return ChronoUnit.DAYS.between(writtenVisit, visit);
    }

    /** A date, dateTime or instant as written in the scenario files, moved to the visit. */
    public String shift(String written) {
        if (!FULL_DATE.matcher(written).matches()) {
            throw new IllegalArgumentException("Not a full FHIR date, dateTime or instant: " + written);
        }
        return LocalDate.parse(written.substring(0, 10)).plusDays(shiftDays()) + written.substring(10);
    }

    /** A birth date as written, moved so the age on the visit is the written age on the written visit. */
    public String shiftBirthDate(String written) {
        return LocalDate.parse(written).plus(Period.between(writtenVisit, visit)).toString();
    }

    /** A scenario JSON file (bundle or orders) with every full date moved; other text is left alone. */
    public String shiftJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            shiftNode(root);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Scenario JSON is not valid: " + e.getOriginalMessage(), e);
        }
    }

    private void shiftNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                JsonNode value = field.getValue();
                if (value.isTextual() && FULL_DATE.matcher(value.asText()).matches()) {
                    String moved = "birthDate".equals(field.getKey()) ? shiftBirthDate(value.asText()) : shift(value.asText());
                    object.set(field.getKey(), TextNode.valueOf(moved));
                } else {
                    shiftNode(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::shiftNode);
        }
    }
}
