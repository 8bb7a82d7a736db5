package ai.millrace.core.doctor;

import ai.millrace.api.Identifiers;
import java.util.Objects;

/**
 * One problem doctor found. Immutable.
 *
 * @param code the stable code, such as {@code missing_directory} or {@code asset_lint_policy}
 * @param severity error or warning
 * @param path the file or folder concerned, relative to the workspace root; null when none
 * @param message what is wrong
 * @param fix what to do about it
 */
public record DoctorFinding(String code, Severity severity, String path, String message, String fix) {
    /**
     * Validates.
     *
     * @param code the code
     * @param severity the severity
     * @param path the path or null
     * @param message the message
     * @param fix the fix
     */
    public DoctorFinding {
        Identifiers.requireText("code", code);
        Objects.requireNonNull(severity, "severity");
        Identifiers.requireText("message", message);
        Identifiers.requireText("fix", fix);
    }
}
