package ai.millrace.api.spi.testplugin;

/** Claims the same runner id as {@link EchoRunnerProvider}, to provoke a duplicate. */
public class SecondEchoRunnerProvider extends EchoRunnerProvider {
}
