package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.state.RuntimeEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BasicMonitorTest {
    final StringWriter out = new StringWriter();
    final BasicMonitor monitor = new BasicMonitor(List.of(new PrintWriter(out)));
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    private void emit(String type, Object... kv) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            data.put((String) kv[i], kv[i + 1]);
        }
        monitor.onEvent(new RuntimeEvent(type, now, data));
        now = now.plusSeconds(1);
    }

    @Test
    void rendersAStageAndItsRouteInTheOriginalsWords() {
        String run = "run-0123456789abcdef0123456789abcdef";
        emit("stage_started", "plane", "execution", "stage", "builder", "node_id", "builder", "stage_kind_id", "builder",
                "run_id", run, "work_item_kind", "task", "work_item_id", "t-1");
        emit("stage_completed", "plane", "execution", "stage", "builder", "node_id", "builder", "run_id", run,
                "work_item_kind", "task", "work_item_id", "t-1", "terminal_result", "BUILDER_COMPLETE",
                "duration_seconds", 0.84, "token_usage", Map.of("input_tokens", 10, "cached_input_tokens", 0,
                        "output_tokens", 2, "thinking_tokens", 0, "total_tokens", 12));
        emit("router_decision", "plane", "execution", "run_id", run, "action", "run_stage", "next_stage", "checker",
                "next_node_id", "checker", "reason", "builder:BUILDER_COMPLETE");
        emit("router_decision", "plane", "execution", "run_id", run, "action", "idle", "reason", "updater_complete");
        emit("runtime_tick_idle", "reason", "no_work");
        emit("runtime_tick_idle", "reason", "no_work");
        assertEquals("[10:00:00] stage start execution/builder run=01234567 work=task:t-1\n"
                + "[10:00:01] stage done execution/builder run=01234567 work=task:t-1 result=BUILDER_COMPLETE dur=0.8s"
                + " tokens=in=10 cached=0 out=2 think=0 total=12\n"
                + "[10:00:01] run execution run=01234567 elapsed=1.0s tokens=in=10 cached=0 out=2 think=0 total=12\n"
                + "[10:00:02] route execution -> checker reason=builder:BUILDER_COMPLETE\n"
                + "[10:00:03] route execution done reason=updater_complete\n"
                + "[10:00:04] idle reason=no_work\n", out.toString());
    }

    @Test
    void runHandlesWidenOnCollision() {
        emit("stage_started", "plane", "execution", "stage", "builder", "run_id", "run-aaaaaaaa11111111");
        emit("stage_started", "plane", "planning", "stage", "planner", "run_id", "run-aaaaaaaa22222222");
        String[] lines = out.toString().split("\n");
        assertEquals("[10:00:00] stage start execution/builder run=aaaaaaaa", lines[0]);
        assertEquals("[10:00:01] stage start planning/planner run=aaaaaaaa2222", lines[1]);
    }
}
