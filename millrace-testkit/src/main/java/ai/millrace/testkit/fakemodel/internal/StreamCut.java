package ai.millrace.testkit.fakemodel.internal;

import java.io.IOException;

/**
 * Thrown out of the HTTP handler to drop the connection without ending the chunked body: the JDK
 * server closes a connection whose handler fails with an {@link IOException}, so the client sees
 * a broken stream rather than a clean end.
 */
public final class StreamCut extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the signal.
     *
     * @param why a short reason, for logs
     */
    public StreamCut(String why) {
        super(why);
    }
}
