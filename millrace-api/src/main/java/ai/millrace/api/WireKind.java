package ai.millrace.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract that is stored as its own JSON document with a {@code schema_version} and
 * a {@code kind} field, as the original Millrace writes them.
 *
 * <p>The two fields are not record components: Millrace's JSON codec writes them first, and on
 * input accepts them only with the exact literal values (both may be absent).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireKind {
    /** The schema version every Millrace document carries. */
    String SCHEMA_VERSION = "1.0";

    /**
     * The {@code kind} literal, for example {@code "runtime_snapshot"}.
     *
     * @return the kind, never empty
     */
    String value();
}
