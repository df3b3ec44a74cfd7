package org.genegate.server.audit;

import ca.uhn.fhir.rest.param.DateRangeParam;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

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

    /** {@code date} (recorded): HAPI turns prefixes (eq, ge, gt, le, lt) and precision into inclusive bounds. */
    public AuditEventCriteria recorded(DateRangeParam range) {
        if (range == null) {
            return this;
        }
        Date lower = range.getLowerBoundAsInstant();
        Date upper = range.getUpperBoundAsInstant();
        if (lower != null) {
            conditions.add("RECORDED >= ?");
            arguments.add(OffsetDateTime.ofInstant(lower.toInstant(), ZoneOffset.UTC));
        }
        if (upper != null) {
            conditions.add("RECORDED <= ?");
            arguments.add(OffsetDateTime.ofInstant(upper.toInstant(), ZoneOffset.UTC));
        }
        return this;
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
