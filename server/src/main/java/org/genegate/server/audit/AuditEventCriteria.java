package org.genegate.server.audit;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringOrListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * The SQL condition of an AuditEvent search: parameters repeated are all required (AND), the comma-separated values
 * of one are alternatives (OR), as FHIR search has it. Every value goes in as a bind argument.
 */
public final class AuditEventCriteria {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> arguments = new ArrayList<>();

    String whereClause() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> arguments() {
        return arguments;
    }

    /** {@code _id}: the event ids. */
    public AuditEventCriteria ids(TokenAndListParam ids) {
        return tokens(ids, id -> {
            arguments.add(id.getValue());
            return "ID = ?";
        });
    }

    /** A reference parameter of the value table; {@code patient=123} means {@code Patient/123}. */
    public AuditEventCriteria references(AuditSearchParam param, ReferenceAndListParam references) {
        if (references == null) {
            return this;
        }
        for (ReferenceOrListParam alternatives : references.getValuesAsQueryTokens()) {
            arguments.add(param.code());
            List<String> matches = new ArrayList<>();
            for (ReferenceParam reference : alternatives.getValuesAsQueryTokens()) {
                refuseChain(param.code(), reference);
                arguments.add(referenceValue(param, reference));
                matches.add("VAL = ?");
            }
            valueCondition(matches);
        }
        return this;
    }

    /** {@code entity-name}: starts with, ignoring case, or {@code :exact}, or {@code :contains}. */
    public AuditEventCriteria names(StringAndListParam names) {
        if (names == null) {
            return this;
        }
        for (StringOrListParam alternatives : names.getValuesAsQueryTokens()) {
            arguments.add(AuditSearchParam.ENTITY_NAME.code());
            List<String> matches = new ArrayList<>();
            for (StringParam name : alternatives.getValuesAsQueryTokens()) {
                if (name.isExact()) {
                    arguments.add(name.getValue());
                    matches.add("VAL = ?");
                } else {
                    String pattern = likeEscaped(name.getValue().toUpperCase(Locale.ROOT));
                    arguments.add((name.isContains() ? "%" : "") + pattern + "%");
                    matches.add("UPPER(VAL) LIKE ? ESCAPE '\\'");
                }
            }
            valueCondition(matches);
        }
        return this;
    }

    /** {@code subtype}: code, system|code, |code (no system) or system|. */
    public AuditEventCriteria subtypes(TokenAndListParam subtypes) {
        if (subtypes == null) {
            return this;
        }
        for (TokenOrListParam alternatives : subtypes.getValuesAsQueryTokens()) {
            arguments.add(AuditSearchParam.SUBTYPE.code());
            List<String> matches = new ArrayList<>();
            for (TokenParam token : alternatives.getValuesAsQueryTokens()) {
                matches.add(token(token, "SYS", "VAL"));
            }
            valueCondition(matches);
        }
        return this;
    }

    /** {@code type}: a column of the event row. */
    public AuditEventCriteria types(TokenAndListParam types) {
        return tokens(types, token -> token(token, "TYPE_SYSTEM", "TYPE_CODE"));
    }

    /** {@code outcome}: 0, 4, 8 or 12. */
    public AuditEventCriteria outcomes(TokenAndListParam outcomes) {
        return tokens(outcomes, token -> {
            arguments.add(token.getValue());
            return "OUTCOME = ?";
        });
    }

    /** {@code source}: the observer's reference or identifier value. */
    public AuditEventCriteria sources(ReferenceAndListParam sources) {
        if (sources == null) {
            return this;
        }
        for (ReferenceOrListParam alternatives : sources.getValuesAsQueryTokens()) {
            List<String> matches = new ArrayList<>();
            for (ReferenceParam source : alternatives.getValuesAsQueryTokens()) {
                refuseChain("source", source);
                arguments.add(source.getValue());
                matches.add("SOURCE = ?");
            }
            conditions.add("(" + String.join(" OR ", matches) + ")");
        }
        return this;
    }

    /**
     * {@code date} (recorded): {@code eq} (or none), {@code ge}, {@code gt}, {@code le}, {@code lt}, {@code sa},
     * {@code eb}; a value covers its whole precision (a day, a month...), a date without a time being a UTC day.
     */
    public AuditEventCriteria recorded(DateAndListParam dates) {
        if (dates == null) {
            return this;
        }
        for (DateOrListParam alternatives : dates.getValuesAsQueryTokens()) {
            List<String> matches = new ArrayList<>();
            for (DateParam date : alternatives.getValuesAsQueryTokens()) {
                matches.add(dateCondition(date));
            }
            conditions.add("(" + String.join(" OR ", matches) + ")");
        }
        return this;
    }

    private String dateCondition(DateParam date) {
        if (date.getValueAsString() == null || date.getValueAsString().isEmpty()) {
            throw new InvalidRequestException("AuditEvent search: date needs a value");
        }
        DateTimeType value = new DateTimeType(date.getValueAsString());
        Instant start;
        Instant end;
        if (value.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
            LocalDate first = LocalDate.of(value.getYear(),
                    value.getPrecision() == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1,
                    value.getPrecision() == TemporalPrecisionEnum.DAY ? value.getDay() : 1);
            LocalDate next = switch (value.getPrecision()) {
                case YEAR -> first.plusYears(1);
                case MONTH -> first.plusMonths(1);
                default -> first.plusDays(1);
            };
            start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
            end = next.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            start = value.getValue().toInstant();
            end = value.getPrecision().add(value.getValue(), 1).toInstant();
        }
        ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
        return switch (prefix) {
            case EQUAL -> {
                arguments.add(utc(start));
                arguments.add(utc(end));
                yield "(RECORDED >= ? AND RECORDED < ?)";
            }
            case GREATERTHAN_OR_EQUALS -> bound("RECORDED >= ?", start);
            case GREATERTHAN, STARTS_AFTER -> bound("RECORDED >= ?", end);
            case LESSTHAN_OR_EQUALS -> bound("RECORDED < ?", end);
            case LESSTHAN, ENDS_BEFORE -> bound("RECORDED < ?", start);
            default -> throw new InvalidRequestException("AuditEvent search: the date prefix "
                    + prefix.getValue() + " is not supported here");
        };
    }

    private String bound(String condition, Instant instant) {
        arguments.add(utc(instant));
        return condition;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private AuditEventCriteria tokens(TokenAndListParam tokens, Function<TokenParam, String> condition) {
        if (tokens == null) {
            return this;
        }
        for (TokenOrListParam alternatives : tokens.getValuesAsQueryTokens()) {
            List<String> matches = new ArrayList<>();
            for (TokenParam token : alternatives.getValuesAsQueryTokens()) {
                if (token.getModifier() != null) {
                    throw new InvalidRequestException("AuditEvent search: the :" + token.getModifier().getValue()
                            + " modifier is not supported here");
                }
                matches.add(condition.apply(token));
            }
            conditions.add("(" + String.join(" OR ", matches) + ")");
        }
        return this;
    }

    private String token(TokenParam token, String systemColumn, String codeColumn) {
        TokenParamModifier modifier = token.getModifier();
        if (modifier != null) {
            throw new InvalidRequestException("AuditEvent search: the :" + modifier.getValue()
                    + " modifier is not supported here");
        }
        String system = token.getSystem();
        String code = token.getValue();
        boolean hasCode = code != null && !code.isEmpty();
        if (system == null) {
            arguments.add(code);
            return codeColumn + " = ?";
        }
        if (system.isEmpty()) {
            arguments.add(code);
            return "(" + systemColumn + " IS NULL AND " + codeColumn + " = ?)";
        }
        arguments.add(system);
        if (!hasCode) {
            return systemColumn + " = ?";
        }
        arguments.add(code);
        return "(" + systemColumn + " = ? AND " + codeColumn + " = ?)";
    }

    /** Events with a value-table row of the param (its argument added first) matching one of the alternatives. */
    private void valueCondition(List<String> matches) {
        conditions.add("ID IN (SELECT EVENT_ID FROM " + AuditEventTable.VALUES + " WHERE PARAM = ? AND ("
                + String.join(" OR ", matches) + "))");
    }

    private static String referenceValue(AuditSearchParam param, ReferenceParam reference) {
        String value = reference.getValue();
        if (param == AuditSearchParam.PATIENT && !value.contains("/")) {
            return "Patient/" + value;
        }
        return value;
    }

    private static void refuseChain(String name, ReferenceParam reference) {
        if (reference.hasChain()) {
            throw new InvalidRequestException("AuditEvent search: chained " + name + " searches are not supported");
        }
    }

    private static String likeEscaped(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
