package ai.millrace.testkit.inspect;

import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime events of a workspace, oldest first, with queries in the style of JUnit's
 * {@code EngineTestKit}: {@code events.ofType("router_decision")}, {@code events.stagesFor("t1")},
 * {@code events.decisionsFor("t1")}.
 *
 * <p>An immutable snapshot: read it again (from the workspace) after the runtime did more.
 * Thread-safe.
 */
public final class Events {
    private static final String WORK_ITEM_ID = "work_item_id";
    private static final String RUN_ID = "run_id";

    private final List<RuntimeEvent> events;

    private Events(List<RuntimeEvent> events) {
        this.events = List.copyOf(events);
    }

    /**
     * Wraps a list of events.
     *
     * @param events the events, oldest first, none null
     * @return the view
     */
    public static Events of(List<RuntimeEvent> events) {
        return new Events(events);
    }

    /**
     * Reads an event log ({@code logs/runtime_events.jsonl}); a missing file has no events.
     * Rotated segments are not read (tests never write 16 MiB of events).
     *
     * @param file the log file, never null
     * @return the events
     * @throws UncheckedIOException when the file cannot be read
     * @throws ai.millrace.api.MillraceException when a line is not a runtime event
     */
    public static Events read(Path file) {
        if (!Files.exists(file)) {
            return new Events(List.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<RuntimeEvent> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                out.add(MillraceJson.read(lines.get(i), RuntimeEvent.class, file + ":" + (i + 1)));
            }
        }
        return new Events(out);
    }

    /**
     * Returns every event.
     *
     * @return an immutable list, oldest first
     */
    public List<RuntimeEvent> all() {
        return events;
    }

    /**
     * Returns how many events there are.
     *
     * @return the count
     */
    public int size() {
        return events.size();
    }

    /**
     * Returns the events of one type.
     *
     * @param eventType such as {@code stage_completed}, never null
     * @return the matching events
     */
    public Events ofType(String eventType) {
        Objects.requireNonNull(eventType, "eventType");
        List<RuntimeEvent> out = new ArrayList<>();
        for (RuntimeEvent e : events) {
            if (e.eventType().equals(eventType)) {
                out.add(e);
            }
        }
        return new Events(out);
    }

    /**
     * Returns the first event of a type.
     *
     * @param eventType the type, never null
     * @return the event, or empty
     */
    public Optional<RuntimeEvent> first(String eventType) {
        return ofType(eventType).events.stream().findFirst();
    }

    /**
     * Returns the event types in order, one per event.
     *
     * @return the types
     */
    public List<String> types() {
        List<String> out = new ArrayList<>();
        for (RuntimeEvent e : events) {
            out.add(e.eventType());
        }
        return out;
    }

    /**
     * Returns the events about one work item: those naming it ({@code work_item_id},
     * {@code source_work_item_id}) and those of its runs (router decisions name only the run).
     *
     * @param workItemId the id, never null
     * @return the matching events
     */
    public Events forItem(String workItemId) {
        Set<String> runs = runsOf(workItemId);
        List<RuntimeEvent> out = new ArrayList<>();
        for (RuntimeEvent e : events) {
            Map<String, Object> d = e.data();
            boolean named = workItemId.equals(d.get(WORK_ITEM_ID)) || workItemId.equals(d.get("source_work_item_id"));
            boolean ofRun = !d.containsKey(WORK_ITEM_ID) && runs.contains(Decision.text(d, RUN_ID));
            if (named || ofRun) {
                out.add(e);
            }
        }
        return new Events(out);
    }

    /**
     * Returns the stages that started for a work item, in order (from {@code stage_started}).
     *
     * @param workItemId the id, never null
     * @return the stage names, such as {@code [builder, checker, updater]}
     */
    public List<String> stagesFor(String workItemId) {
        List<String> out = new ArrayList<>();
        for (RuntimeEvent e : ofType("stage_started").events) {
            if (workItemId.equals(e.data().get(WORK_ITEM_ID))) {
                out.add(Decision.text(e.data(), "stage"));
            }
        }
        return out;
    }

    /**
     * Returns the terminal results of a work item's completed stages, in order (from
     * {@code stage_completed}); a malformed result shows as {@code BLOCKED}.
     *
     * @param workItemId the id, never null
     * @return the result tokens
     */
    public List<String> resultsFor(String workItemId) {
        List<String> out = new ArrayList<>();
        for (RuntimeEvent e : ofType("stage_completed").events) {
            if (workItemId.equals(e.data().get(WORK_ITEM_ID))) {
                out.add(Decision.text(e.data(), "terminal_result"));
            }
        }
        return out;
    }

    /**
     * Returns every router decision, in order.
     *
     * @return the decisions
     */
    public List<Decision> decisions() {
        Map<String, String> items = new HashMap<>();
        List<Decision> out = new ArrayList<>();
        for (RuntimeEvent e : events) {
            String run = Decision.text(e.data(), RUN_ID);
            String item = Decision.text(e.data(), WORK_ITEM_ID);
            if (run != null && item != null) {
                items.putIfAbsent(run, item);
            }
            if (e.eventType().equals("router_decision")) {
                out.add(Decision.of(e, items.get(run)));
            }
        }
        return out;
    }

    /**
     * Returns the router decisions about one work item, in order.
     *
     * @param workItemId the id, never null
     * @return the decisions
     */
    public List<Decision> decisionsFor(String workItemId) {
        List<Decision> out = new ArrayList<>();
        for (Decision d : decisions()) {
            if (workItemId.equals(d.workItemId())) {
                out.add(d);
            }
        }
        return out;
    }

    /**
     * Returns every value one data field takes, in order, skipping events without it.
     *
     * @param field the data key, such as {@code failure_class}
     * @return the values as text
     */
    public List<String> values(String field) {
        List<String> out = new ArrayList<>();
        for (RuntimeEvent e : events) {
            String v = Decision.text(e.data(), field);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private Set<String> runsOf(String workItemId) {
        Set<String> runs = new HashSet<>();
        for (RuntimeEvent e : events) {
            if (workItemId.equals(e.data().get(WORK_ITEM_ID)) && e.data().get(RUN_ID) != null) {
                runs.add(e.data().get(RUN_ID).toString());
            }
        }
        return runs;
    }

    /**
     * Lists the events one per line ({@code type {data}}), for failure messages.
     *
     * @return the listing
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (RuntimeEvent e : events) {
            out.append("  ").append(e.eventType()).append(' ').append(e.data()).append('\n');
        }
        return out.toString();
    }

    /**
     * Returns the distinct event types, in order of first appearance.
     *
     * @return the types
     */
    public Set<String> distinctTypes() {
        return new LinkedHashSet<>(types());
    }

    @Override
    public String toString() {
        return "Events" + types();
    }
}
