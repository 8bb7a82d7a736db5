package ai.millrace.compiler.internal.validate;

import ai.millrace.api.Identifiers;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Small grammar checks shared by the validators. Stateless. */
final class Ids {
    private static final Pattern OVERRIDE = Pattern.compile("^[a-z0-9]+(?:_[a-z0-9]+)*$");

    private Ids() {
    }

    /** Canonical ids must already be in normal form in asset files (lower case, trimmed). */
    static boolean canonical(String value) {
        return value != null && Identifiers.CANONICAL_ID.matcher(value).matches();
    }

    static boolean overrideName(String value) {
        return value != null && OVERRIDE.matcher(value).matches();
    }

    static boolean status(String value) {
        return value != null && Identifiers.STATUS.matcher(value).matches();
    }

    static <T> Optional<T> firstDuplicate(List<T> values) {
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (!seen.add(v)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
