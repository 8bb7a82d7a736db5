package ai.millrace.core.internal.config;

import ai.millrace.api.WireEnum;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The value rules a {@code millrace.toml} schema is made of. TOML is typed, so types are checked
 * strictly: a quoted {@code "2"} is not an integer and {@code "true"} is not a boolean.
 * Stateless.
 */
public final class ConfigRules {
    private static final Pattern BARE_KEY = Pattern.compile("^[A-Za-z0-9_-]+$");

    private ConfigRules() {
    }

    /**
     * Joins a key to a parent path, quoting keys that TOML would need quoted.
     *
     * @param parent the parent path; empty at the top
     * @param key the key
     * @return such as {@code runners.codex} or {@code runners."my.runner"}
     */
    public static String join(String parent, String key) {
        String part = BARE_KEY.matcher(key).matches() ? key : "\"" + key.replace("\"", "\\\"") + "\"";
        return parent.isEmpty() ? part : parent + "." + part;
    }

    /**
     * Describes a value for messages.
     *
     * @param value the value
     * @return such as {@code the integer 5} or {@code a table}
     */
    public static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "the string '" + value.asText() + "'";
        }
        if (value.isBoolean()) {
            return "the boolean " + value.asText();
        }
        if (value.isIntegralNumber()) {
            return "the integer " + value.asText();
        }
        if (value.isNumber()) {
            return "the float " + value.asText();
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "a table";
        }
        return "a " + value.getNodeType().toString().toLowerCase(Locale.ROOT) + " value";
    }

    /** @return a rule accepting any string */
    public static ConfigRule string() {
        return (path, value, errors) -> {
            if (!value.isTextual()) {
                errors.add(path + ": expected a string, got " + describe(value));
            }
        };
    }

    /** @return a rule accepting {@code true} or {@code false} */
    public static ConfigRule bool() {
        return (path, value, errors) -> {
            if (!value.isBoolean()) {
                errors.add(path + ": expected true or false, got " + describe(value));
            }
        };
    }

    /** @return a rule accepting integers greater than 0 that fit an {@code int} */
    public static ConfigRule positiveInt() {
        return (path, value, errors) -> {
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asLong() <= 0) {
                errors.add(path + ": expected an integer greater than 0 (at most " + Integer.MAX_VALUE + "), got "
                        + describe(value));
            }
        };
    }

    /** @return a rule accepting integers greater than 0 that fit a {@code long} */
    public static ConfigRule positiveLong() {
        return (path, value, errors) -> {
            if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() <= 0) {
                errors.add(path + ": expected an integer greater than 0, got " + describe(value));
            }
        };
    }

    /**
     * Returns a rule accepting numbers (integer or float) that satisfy a range.
     *
     * @param range the range check
     * @param rangeText the range in words, such as {@code greater than 0}
     * @return the rule
     */
    public static ConfigRule number(Predicate<Double> range, String rangeText) {
        return (path, value, errors) -> {
            if (!value.isNumber() || !Double.isFinite(value.asDouble()) || !range.test(value.asDouble())) {
                errors.add(path + ": expected a number " + rangeText + ", got " + describe(value));
            }
        };
    }

    /**
     * Returns a rule accepting one of a fixed set of strings.
     *
     * @param allowed the allowed values, in the order messages list them
     * @return the rule
     */
    public static ConfigRule oneOf(Collection<String> allowed) {
        return (path, value, errors) -> {
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                errors.add(path + ": expected one of " + String.join(", ", allowed) + ", got " + describe(value));
            }
        };
    }

    /**
     * Returns a rule accepting an array whose items all satisfy a rule.
     *
     * @param item the item rule
     * @return the rule
     */
    public static ConfigRule arrayOf(ConfigRule item) {
        return (path, value, errors) -> {
            if (!value.isArray()) {
                errors.add(path + ": expected an array, got " + describe(value));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                item.check(path + "[" + i + "]", value.get(i), errors);
            }
        };
    }

    /**
     * Returns a rule accepting a table with any keys that pass a key check, whose values all
     * satisfy a rule.
     *
     * @param keys the key check; returns null for a good key, else the problem
     * @param valueRule the value rule
     * @return the rule
     */
    public static ConfigRule mapOf(Function<String, String> keys, ConfigRule valueRule) {
        return (path, value, errors) -> {
            if (!value.isObject()) {
                errors.add(path + ": expected a table, got " + describe(value));
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String problem = keys.apply(e.getKey());
                if (problem != null) {
                    errors.add(join(path, e.getKey()) + ": " + problem);
                } else {
                    valueRule.check(join(path, e.getKey()), e.getValue(), errors);
                }
            }
        };
    }

    /**
     * Returns a rule that applies two rules in turn, the second only when the first passed.
     *
     * @param first the first rule
     * @param second the second rule
     * @return the rule
     */
    public static ConfigRule both(ConfigRule first, ConfigRule second) {
        return (path, value, errors) -> {
            int before = errors.size();
            first.check(path, value, errors);
            if (errors.size() == before) {
                second.check(path, value, errors);
            }
        };
    }

    /**
     * Returns a key check that accepts any key.
     *
     * @return the check
     */
    public static Function<String, String> anyKey() {
        return key -> null;
    }

    /**
     * Returns a rule that accepts anything; used for plugin tables their providers validate.
     *
     * @return the rule
     */
    public static ConfigRule anything() {
        return (path, value, errors) -> { };
    }

    /**
     * Returns the allowed values of a wire enum, in declaration order.
     *
     * @param type the enum class
     * @param <E> the enum type
     * @return the wire values
     */
    public static <E extends Enum<E> & WireEnum> List<String> wireValues(Class<E> type) {
        List<String> values = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            values.add(constant.wireName());
        }
        return values;
    }
}
