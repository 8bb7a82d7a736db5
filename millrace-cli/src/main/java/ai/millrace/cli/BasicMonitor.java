package ai.millrace.cli;

import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.api.state.RuntimeEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code --monitor basic} renderer: one line per runtime event, prefixed {@code [HH:MM:SS] }
 * (UTC), in the original's wording (spec 02 section 7.5): {@code stage start}, {@code stage done},
 * {@code run}, {@code route}, {@code idle}, {@code paused}, {@code stopped}. Run ids show as short
 * handles (8 hex characters, widened on collision). Thread-safe; flushes after every line.
 */
final class BasicMonitor implements RuntimeListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration IDLE_REPEAT = Duration.ofSeconds(120);

    private final List<PrintWriter> sinks;
    private final Map<String, String> handles = new HashMap<>();
    private final Map<String, Instant> runStarts = new HashMap<>();
    private final Map<String, long[]> runTokens = new HashMap<>();
    private String lastIdleReason;
    private Instant lastIdleAt;

    BasicMonitor(List<PrintWriter> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public synchronized void onEvent(RuntimeEvent event) {
        Map<String, Object> d = event.data();
        String type = event.eventType();
        if (!type.equals("runtime_tick_idle")) {
            lastIdleReason = null;
        }
        switch (type) {
            case "runtime_started":
                line(event, "runtime started mode=" + v(d, "mode_id") + " plan=" + v(d, "compiled_plan_id"));
                break;
            case "stage_started": {
                String run = handle(s(d, "run_id"));
                runStarts.putIfAbsent(s(d, "plane") + "/" + s(d, "run_id"), event.occurredAt());
                StringBuilder b = new StringBuilder("stage start ").append(ref(d)).append(" run=").append(run);
                if (d.get("work_item_id") != null) {
                    b.append(" work=").append(v(d, "work_item_kind")).append(':').append(v(d, "work_item_id"));
                }
                line(event, b.toString());
                break;
            }
            case "stage_completed": {
                String run = handle(s(d, "run_id"));
                StringBuilder b = new StringBuilder("stage done ").append(ref(d)).append(" run=").append(run);
                if (d.get("work_item_id") != null) {
                    b.append(" work=").append(v(d, "work_item_kind")).append(':').append(v(d, "work_item_id"));
                }
                b.append(" result=").append(v(d, "terminal_result"));
                if (d.get("duration_seconds") instanceof Number) {
                    b.append(" dur=").append(oneDecimal(((Number) d.get("duration_seconds")).doubleValue())).append('s');
                }
                String key = s(d, "plane") + "/" + s(d, "run_id");
                long[] tokens = tokens(d.get("token_usage"));
                if (tokens != null) {
                    b.append(" tokens=").append(tokenText(tokens));
                    long[] sum = runTokens.computeIfAbsent(key, k -> new long[5]);
                    for (int i = 0; i < 5; i++) {
                        sum[i] += tokens[i];
                    }
                }
                line(event, b.toString());
                Instant first = runStarts.getOrDefault(key, event.occurredAt());
                double elapsed = Duration.between(first, event.occurredAt()).toMillis() / 1000.0;
                long[] sum = runTokens.get(key);
                line(event, "run " + v(d, "plane") + " run=" + run + " elapsed=" + oneDecimal(elapsed) + "s"
                        + (sum == null ? "" : " tokens=" + tokenText(sum)));
                break;
            }
            case "router_decision": {
                String action = s(d, "action");
                String reason = v(d, "reason");
                if ("idle".equals(action)) {
                    line(event, "route " + v(d, "plane") + " done reason=" + reason);
                } else if ("blocked".equals(action)) {
                    line(event, "route " + v(d, "plane") + " blocked reason=" + reason);
                } else {
                    String next = d.get("next_stage") == null ? "unknown" : s(d, "next_stage");
                    StringBuilder b = new StringBuilder("route ").append(v(d, "plane")).append(" -> ").append(next);
                    if (d.get("next_node_id") != null && !Objects.equals(d.get("next_node_id"), d.get("next_stage"))) {
                        b.append(" node=").append(v(d, "next_node_id"));
                    }
                    if (action != null && !action.equals("run_stage")) {
                        b.append(" action=").append(action);
                    }
                    line(event, b.append(" reason=").append(reason).toString());
                }
                break;
            }
            case "runtime_tick_idle": {
                String reason = d.get("reason") == null ? "no_work" : s(d, "reason");
                if (!reason.equals(lastIdleReason) || lastIdleAt == null
                        || !event.occurredAt().isBefore(lastIdleAt.plus(IDLE_REPEAT))) {
                    line(event, "idle reason=" + reason);
                    lastIdleReason = reason;
                    lastIdleAt = event.occurredAt();
                }
                break;
            }
            case "runtime_tick_paused":
                line(event, "paused reason=paused");
                break;
            case "runtime_tick_stopped":
                line(event, "stopped reason=stop_requested");
                break;
            case "runtime_config_reloaded":
                line(event, "config reloaded mode=" + v(d, "mode_id") + " plan=" + v(d, "compiled_plan_id"));
                break;
            default:
                break;
        }
    }

    private void line(RuntimeEvent event, String text) {
        String out = "[" + TIME.format(event.occurredAt()) + "] " + text;
        for (PrintWriter sink : sinks) {
            sink.println(out);
            sink.flush();
        }
    }

    private static String ref(Map<String, Object> d) {
        String stage = s(d, "stage");
        StringBuilder b = new StringBuilder(v(d, "plane")).append('/').append(stage);
        Object node = d.get("node_id");
        if (node != null && !node.equals(stage)) {
            b.append(" node=").append(node);
        }
        Object kind = d.get("stage_kind_id");
        if (kind != null && !kind.equals(stage) && !kind.equals(node)) {
            b.append(" kind=").append(kind);
        }
        return b.toString();
    }

    /** {@code run-<hex>}: the first 8 hex characters, widened to 12, 16, then the whole id on collision. */
    private String handle(String runId) {
        if (runId == null) {
            return "unknown";
        }
        String known = handles.get(runId);
        if (known != null) {
            return known;
        }
        String hex = runId.startsWith("run-") ? runId.substring(4) : null;
        String chosen = runId;
        if (hex != null && hex.length() > 8 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            for (int width : new int[] {8, 12, 16}) {
                if (hex.length() > width && !handles.containsValue(hex.substring(0, width))) {
                    chosen = hex.substring(0, width);
                    break;
                }
            }
        }
        handles.put(runId, chosen);
        return chosen;
    }

    private static long[] tokens(Object usage) {
        if (!(usage instanceof Map)) {
            return null;
        }
        Map<?, ?> m = (Map<?, ?>) usage;
        String[] keys = {"input_tokens", "cached_input_tokens", "output_tokens", "thinking_tokens", "total_tokens"};
        long[] out = new long[5];
        for (int i = 0; i < 5; i++) {
            Object v = m.get(keys[i]);
            out[i] = v instanceof Number ? ((Number) v).longValue() : 0;
        }
        return out;
    }

    private static String tokenText(long[] t) {
        return "in=" + t[0] + " cached=" + t[1] + " out=" + t[2] + " think=" + t[3] + " total=" + t[4];
    }

    private static String oneDecimal(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String s(Map<String, Object> d, String key) {
        Object v = d.get(key);
        return v == null ? null : String.valueOf(v);
    }

    private static String v(Map<String, Object> d, String key) {
        Object v = d.get(key);
        return v == null ? "unknown" : String.valueOf(v);
    }
}
