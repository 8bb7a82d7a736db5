package ai.millrace.compiler.internal.assets;

/** The three JSON asset families the compiler resolves by id. */
public enum AssetFamily {
    /** Modes, {@code modes/**}. */
    MODE("mode", "mode", "modes"),
    /** Graph loops, {@code graphs/**}. */
    GRAPH_LOOP("graph_loop", "graph loop", "graphs"),
    /** Stage kinds, {@code registry/stage_kinds/**}. */
    STAGE_KIND("stage_kind", "stage kind", "registry/stage_kinds");

    private final String wireName;
    private final String label;
    private final String folder;

    AssetFamily(String wireName, String label, String folder) {
        this.wireName = wireName;
        this.label = label;
        this.folder = folder;
    }

    /** @return the {@code asset_family} value of resolved asset refs */
    public String wireName() {
        return wireName;
    }

    /** @return the words used in messages, such as {@code graph loop} */
    public String label() {
        return label;
    }

    /** @return the folder under the assets root, with forward slashes */
    public String folder() {
        return folder;
    }

    /** @return the JSON key that holds the id in this family's files */
    public String idKey() {
        switch (this) {
            case MODE:
                return "mode_id";
            case GRAPH_LOOP:
                return "loop_id";
            default:
                return "stage_kind_id";
        }
    }
}
