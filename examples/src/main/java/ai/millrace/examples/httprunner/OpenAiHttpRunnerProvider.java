package ai.millrace.examples.httprunner;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;
import java.net.URI;
import java.util.Map;

/**
 * Builds {@link OpenAiHttpRunner} from the {@code [runners.openai_http]} table of {@code millrace.toml}:
 *
 * <pre>
 * [runners.openai_http]
 * base_url = "https://api.openai.com/v1"   # default
 * model = "gpt-4.1-mini"                   # used when the stage names no model
 * api_key_env = "OPENAI_API_KEY"           # default; the variable holding the key
 * </pre>
 *
 * Declared in {@code META-INF/services/ai.millrace.api.spi.StageRunnerProvider}.
 */
public final class OpenAiHttpRunnerProvider implements StageRunnerProvider {
    /** The default {@code base_url}. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    /** The default {@code api_key_env}. */
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

    /** Creates the provider (the service loader calls this). */
    public OpenAiHttpRunnerProvider() {
    }

    @Override
    public String id() {
        return OpenAiHttpRunner.ID;
    }

    // snippet:provider
    @Override
    public StageRunner create(RunnerContext context) {
        Map<String, Object> settings = context.pluginSettings();   // the raw [runners.openai_http] table
        URI baseUrl;
        try {
            baseUrl = URI.create(text(settings, "base_url", DEFAULT_BASE_URL));
        } catch (IllegalArgumentException e) {
            throw new MillraceException(ErrorCode.CONFIG_INVALID, "[runners.openai_http] base_url: " + e.getMessage());
        }
        String keyVariable = text(settings, "api_key_env", DEFAULT_API_KEY_ENV);
        return new OpenAiHttpRunner(baseUrl, text(settings, "model", null), System.getenv(keyVariable), context.clock());
    }
    // end:provider

    private static String text(Map<String, Object> settings, String key, String fallback) {
        Object value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String)) {
            throw new MillraceException(ErrorCode.CONFIG_INVALID,
                    "[runners.openai_http] " + key + " must be a string, got " + value);
        }
        return (String) value;
    }
}
