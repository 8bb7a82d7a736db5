package ai.millrace.core.doctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of a doctor run: findings sorted by (path or "", code, message), and in repair mode
 * the repairs made before the final check. Immutable.
 *
 * @param findings the findings after any repair
 * @param repairs one line per repair made; empty in read-only mode
 */
public record DoctorReport(List<DoctorFinding> findings, List<String> repairs) {
    private static final Comparator<DoctorFinding> ORDER = Comparator
            .comparing((DoctorFinding f) -> f.path() == null ? "" : f.path())
            .thenComparing(DoctorFinding::code).thenComparing(DoctorFinding::message);

    /**
     * Sorts and copies.
     *
     * @param findings the findings
     * @param repairs the repairs
     */
    public DoctorReport {
        List<DoctorFinding> sorted = new ArrayList<>(findings);
        sorted.sort(ORDER);
        findings = List.copyOf(sorted);
        repairs = List.copyOf(repairs);
    }

    /** @return true when there is no error (warnings allowed) */
    public boolean ok() {
        return errors().isEmpty();
    }

    /** @return the errors */
    public List<DoctorFinding> errors() {
        return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
    }

    /** @return the warnings */
    public List<DoctorFinding> warnings() {
        return findings.stream().filter(f -> f.severity() == Severity.WARNING).toList();
    }

    /**
     * Returns the findings with one code.
     *
     * @param code the code
     * @return the findings
     */
    public List<DoctorFinding> withCode(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /**
     * Renders the report as the CLI prints it: {@code ok}, counts, then error and warning lines
     * {@code <severity>: <code> <path|none> <message>}.
     *
     * @return the lines
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("ok: " + ok());
        lines.add("errors: " + errors().size());
        lines.add("warnings: " + warnings().size());
        repairs.forEach(r -> lines.add("repaired: " + r));
        for (DoctorFinding f : errors()) {
            lines.add("error: " + f.code() + " " + (f.path() == null ? "none" : f.path()) + " " + f.message());
        }
        for (DoctorFinding f : warnings()) {
            lines.add("warning: " + f.code() + " " + (f.path() == null ? "none" : f.path()) + " " + f.message());
        }
        return lines;
    }
}
