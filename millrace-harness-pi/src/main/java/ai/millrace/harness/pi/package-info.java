/**
 * The Pi harness: the {@code pi_rpc} {@link ai.millrace.api.spi.StageRunner}, which drives the Pi
 * coding agent ({@code @mariozechner/pi-coding-agent}) as {@code pi --mode rpc --no-session} over
 * JSON lines on stdio.
 *
 * <p>{@link ai.millrace.harness.pi.PiRunnerProvider} registers the runner with
 * {@link java.util.ServiceLoader}; it reads {@code [runners.pi]}:
 * <pre>
 * [runners.pi]
 * command = "pi"                  # or an absolute path
 * args = []                       # extra flags; --mode, --model and the like are rejected
 * provider = "fake"               # --provider; a models.json provider or a built-in one
 * model = "fake-model"            # fallback when the stage binds no model
 * thinking = "high"               # --thinking
 * disable_context_files = true    # --no-context-files
 * disable_skills = true           # --no-skills
 * event_log_policy = "failure_full"   # or "full"
 * env = { OPENAI_API_KEY = "..." }    # overrides HOME, PI_CODING_AGENT_DIR and PI_OFFLINE too
 * </pre>
 * {@link ai.millrace.harness.pi.PiAgentHome} holds the per-workspace folders Pi runs in and can
 * write a {@code models.json} provider for an OpenAI-compatible base URL.
 */
package ai.millrace.harness.pi;
