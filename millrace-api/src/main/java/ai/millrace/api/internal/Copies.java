package ai.millrace.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defensive, order-keeping immutable copies for record constructors.
 *
 * <p>{@code Map.copyOf} is not used on purpose: it loses insertion order, and the wire formats
 * depend on it.
 */
public final class Copies {
    private Copies() {
    }

    /**
     * Copies a list; null becomes empty.
     *
     * @param list the source, may be null
     * @param <T> element type
     * @return an unmodifiable list without nulls
     */
    public static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /**
     * Copies a map keeping its iteration order; null becomes empty.
     *
     * @param map the source, may be null
     * @param <K> key type
     * @param <V> value type
     * @return an unmodifiable ordered map
     */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Copies a map of lists, keeping key order and copying each list.
     *
     * @param map the source, may be null
     * @param <K> key type
     * @param <V> list element type
     * @return an unmodifiable ordered map of unmodifiable lists
     */
    public static <K, V> Map<K, List<V>> mapOfLists(Map<K, List<V>> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<K, List<V>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, list(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Copies a list of lists.
     *
     * @param lists the source, may be null
     * @param <T> element type
     * @return an unmodifiable list of unmodifiable lists
     */
    public static <T> List<List<T>> listOfLists(List<List<T>> lists) {
        if (lists == null) {
            return List.of();
        }
        List<List<T>> copy = new ArrayList<>();
        lists.forEach(l -> copy.add(list(l)));
        return Collections.unmodifiableList(copy);
    }

    /**
     * Copies a JSON-like map (string keys, values of JSON types), deeply, keeping order.
     *
     * @param map the source, may be null
     * @return an unmodifiable ordered map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, jsonValue(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object jsonValue(Object value) {
        if (value instanceof Map) {
            return json((Map<String, ?>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            ((List<?>) value).forEach(v -> copy.add(jsonValue(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
