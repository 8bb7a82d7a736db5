package ai.millrace.api;

import java.util.regex.Pattern;

/**
 * The identifier grammars every Millrace file format shares.
 *
 * <ul>
 *   <li><b>safe id</b> ({@code ^[A-Za-z0-9][A-Za-z0-9._-]*$}, no surrounding whitespace): work-item
 *       ids, lineage ids, run ids. A safe id is always a plain file name, so it can never name a
 *       path outside its folder ({@code ../x} and {@code a/b} are rejected).</li>
 *   <li><b>canonical id</b> (lower-cased, {@code ^[a-z0-9]+(?:[._-][a-z0-9]+)*$}): stage kinds,
 *       nodes, loops, edges, terminal states, policies, artifact names.</li>
 *   <li><b>status token</b> (upper-cased, {@code ^[A-Z][A-Z0-9_]*$}): outcomes and markers.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Identifiers {
    /** The safe-id pattern. */
    public static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    /** The canonical-id pattern (applied after lower-casing). */
    public static final Pattern CANONICAL_ID = Pattern.compile("^[a-z0-9]+(?:[._-][a-z0-9]+)*$");
    /** The status-token pattern (applied after upper-casing). */
    public static final Pattern STATUS = Pattern.compile("^[A-Z][A-Z0-9_]*$");

    private Identifiers() {
    }

    /**
     * Tells whether {@code value} is a safe id.
     *
     * @param value the candidate, may be null
     * @return true if it is non-null and matches the safe-id grammar exactly
     */
    public static boolean isSafeId(String value) {
        return value != null && SAFE_ID.matcher(value).matches();
    }

    /**
     * Validates a required safe id.
     *
     * @param field the field name used in the message, such as {@code task_id}
     * @param value the value
     * @return {@code value}
     * @throws ContractViolationException naming the field when the value is missing or invalid
     */
    public static String requireSafeId(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new ContractViolationException(field + " is required");
        }
        if (!value.equals(value.strip())) {
            throw new ContractViolationException(field + " must not include surrounding whitespace");
        }
        if (!SAFE_ID.matcher(value).matches()) {
            throw new ContractViolationException(
                    field + " must match " + SAFE_ID.pattern() + " (got '" + value + "')");
        }
        return value;
    }

    /**
     * Validates an optional safe id.
     *
     * @param field the field name used in the message
     * @param value the value, may be null
     * @return {@code value}, possibly null
     * @throws ContractViolationException when the value is present and invalid
     */
    public static String optionalSafeId(String field, String value) {
        return value == null ? null : requireSafeId(field, value);
    }

    /**
     * Normalizes and validates a canonical id: trims, lower-cases, then checks the grammar.
     *
     * @param field the field name used in the message
     * @param value the raw value
     * @return the normalized id
     * @throws ContractViolationException when missing or invalid after normalization
     */
    public static String canonicalId(String field, String value) {
        if (value == null) {
            throw new ContractViolationException(field + " is required");
        }
        String normalized = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!CANONICAL_ID.matcher(normalized).matches()) {
            throw new ContractViolationException(
                    field + " must match " + CANONICAL_ID.pattern() + " (got '" + value + "')");
        }
        return normalized;
    }

    /**
     * Normalizes and validates a status token: trims, upper-cases, then checks the grammar.
     *
     * @param field the field name used in the message
     * @param value the raw value
     * @return the normalized token
     * @throws ContractViolationException when missing or invalid after normalization
     */
    public static String statusToken(String field, String value) {
        if (value == null) {
            throw new ContractViolationException(field + " is required");
        }
        String normalized = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!STATUS.matcher(normalized).matches()) {
            throw new ContractViolationException(
                    field + " must match " + STATUS.pattern() + " (got '" + value + "')");
        }
        return normalized;
    }

    /**
     * Validates a required non-blank text field.
     *
     * @param field the field name used in the message
     * @param value the value
     * @return {@code value}
     * @throws ContractViolationException when null or blank
     */
    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ContractViolationException(field + " is required and must not be blank");
        }
        return value;
    }
}
