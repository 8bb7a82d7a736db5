package ai.millrace.api.spi.testplugin;

/** A provider whose constructor fails, as a plugin with a missing dependency would. */
public class BrokenRunnerProvider extends EchoRunnerProvider {
    /** Always fails. */
    public BrokenRunnerProvider() {
        throw new IllegalStateException("missing dependency: libfoo");
    }
}
