package ai.millrace.core.upgrade;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an upgrade would do (or did): every managed path with its class. Immutable.
 *
 * @param baselineManifestId the workspace's manifest id before the upgrade
 * @param candidateManifestId the packaged assets' manifest id
 * @param entries every path of either manifest, sorted
 * @param applied whether files were written and the manifest replaced
 */
public record UpgradePreview(String baselineManifestId, String candidateManifestId, List<UpgradeEntry> entries,
        boolean applied) {
    /**
     * Copies the entries.
     *
     * @param baselineManifestId the baseline id
     * @param candidateManifestId the candidate id
     * @param entries the entries
     * @param applied whether applied
     */
    public UpgradePreview {
        entries = List.copyOf(entries);
    }

    /** @return the count of each class, every class present (zero included), in report order */
    public Map<Disposition, Integer> counts() {
        Map<Disposition, Integer> counts = new EnumMap<>(Disposition.class);
        for (Disposition d : Disposition.values()) {
            counts.put(d, 0);
        }
        entries.forEach(e -> counts.merge(e.disposition(), 1, Integer::sum));
        return counts;
    }

    /**
     * Returns the paths of one class.
     *
     * @param disposition the class
     * @return the paths, sorted
     */
    public List<String> paths(Disposition disposition) {
        List<String> out = new ArrayList<>();
        entries.stream().filter(e -> e.disposition() == disposition).forEach(e -> out.add(e.relativePath()));
        return out;
    }

    /** @return whether apply would refuse */
    public boolean hasConflicts() {
        return !paths(Disposition.CONFLICT).isEmpty();
    }

    /**
     * Renders the report as the CLI prints it: applied flag, manifest ids, one count line per
     * class in the fixed order, then one {@code entry:} line per path.
     *
     * @return the lines
     */
    public List<String> reportLines() {
        List<String> lines = new ArrayList<>();
        lines.add("applied: " + applied);
        lines.add("baseline_manifest_id: " + baselineManifestId);
        lines.add("candidate_manifest_id: " + candidateManifestId);
        if (applied) {
            lines.add("result_manifest_id: " + candidateManifestId);
        }
        counts().forEach((d, n) -> lines.add(d.wireName() + ": " + n));
        entries.forEach(e -> lines.add("entry: " + e.relativePath() + " " + e.disposition().wireName()));
        return lines;
    }
}
