package ai.millrace.core.internal.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TOML table with a fixed set of keys: unknown keys are errors that list the allowed ones,
 * required keys must be present. Optionally, unknown keys holding tables are accepted and left to
 * another check (the plugin runner tables under {@code [runners]}). Built once; immutable after.
 */
public final class TableRule implements ConfigRule {
    private final String name;
    private final Map<String, ConfigRule> keys = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private ConfigRule otherTables;

    /**
     * Creates a table rule.
     *
     * @param name the table as a TOML header, such as {@code [runners.codex]}, for messages
     */
    public TableRule(String name) {
        this.name = name;
    }

    /**
     * Adds an optional key.
     *
     * @param key the key
     * @param rule its value rule
     * @return this rule
     */
    public TableRule key(String key, ConfigRule rule) {
        keys.put(key, rule);
        return this;
    }

    /**
     * Adds a required key.
     *
     * @param key the key
     * @param rule its value rule
     * @return this rule
     */
    public TableRule requiredKey(String key, ConfigRule rule) {
        required.add(key);
        return key(key, rule);
    }

    /**
     * Accepts other keys when they hold tables, checking them with a rule.
     *
     * @param rule the rule for those tables
     * @return this rule
     */
    public TableRule otherTables(ConfigRule rule) {
        this.otherTables = rule;
        return this;
    }

    @Override
    public void check(String path, JsonNode value, List<String> errors) {
        if (!value.isObject()) {
            errors.add((path.isEmpty() ? "(top level)" : path) + ": expected a table, got "
                    + ConfigRules.describe(value));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String keyPath = ConfigRules.join(path, e.getKey());
            ConfigRule rule = keys.get(e.getKey());
            if (rule != null) {
                rule.check(keyPath, e.getValue(), errors);
            } else if (otherTables != null && e.getValue().isObject()) {
                otherTables.check(keyPath, e.getValue(), errors);
            } else {
                errors.add(keyPath + ": unknown key; the keys allowed in " + name + " are "
                        + String.join(", ", keys.keySet()) + (otherTables != null ? " and [" + (path.isEmpty() ? "" : path + ".")
                        + "<runner id>] tables" : ""));
            }
        }
        for (String key : required) {
            if (!value.has(key)) {
                errors.add(ConfigRules.join(path, key) + ": required key is missing in " + name);
            }
        }
    }
}
