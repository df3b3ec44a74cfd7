package org.genegate.server.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope, v1 ({@code patient/Observation.read}, {@code user/*.write}) or v2
 * ({@code patient/Observation.rs}, {@code user/*.cruds}).
 *
 * @param context      whose data: the launch patient's, the user's, or the system's
 * @param resourceType a FHIR resource type, or {@code *}
 * @param permissions  what may be done to it
 */
public record SmartScope(Context context, String resourceType, Set<Permission> permissions) {

    public enum Context { PATIENT, USER, SYSTEM }

    public enum Permission { CREATE, READ, UPDATE, DELETE, SEARCH }

    /** v2 permissions are letters of "cruds" in that order; v1 has read, write and *. */
    private static final Pattern SCOPE = Pattern.compile(
            "(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(read|write|\\*|c?r?u?d?s?)");

    /**
     * @return the scope, or empty for scopes that grant no resource access here: {@code openid},
     *     {@code launch/patient}, malformed ones, and v2 scopes with query parameters
     *     ({@code patient/Observation.rs?category=laboratory}), which GeneGate does not narrow and so grants nothing
     */
    public static Optional<SmartScope> parse(String scope) {
        Matcher matcher = SCOPE.matcher(scope);
        if (!matcher.matches() || matcher.group(3).isEmpty()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
        return Optional.of(new SmartScope(context, matcher.group(2), permissions(matcher.group(3))));
    }

    private static Set<Permission> permissions(String text) {
        return switch (text) {
            case "read" -> EnumSet.of(Permission.READ, Permission.SEARCH);
            case "write" -> EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            case "*" -> EnumSet.allOf(Permission.class);
            default -> {
                Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                for (char letter : text.toCharArray()) {
                    permissions.add(switch (letter) {
                        case 'c' -> Permission.CREATE;
                        case 'r' -> Permission.READ;
                        case 'u' -> Permission.UPDATE;
                        case 'd' -> Permission.DELETE;
                        default -> Permission.SEARCH;
                    });
                }
                yield permissions;
            }
        };
    }

    /** e.g. {@code patient/Observation}, naming the rules built from this scope. */
    String label() {
        return context.name().toLowerCase(Locale.ROOT) + "/" + resourceType;
    }

    boolean allowsAny(Permission... wanted) {
        for (Permission permission : wanted) {
            if (permissions.contains(permission)) {
                return true;
            }
        }
        return false;
    }
}
