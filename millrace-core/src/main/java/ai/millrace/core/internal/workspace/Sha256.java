package ai.millrace.core.internal.workspace;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex. Stateless.
 */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * Hashes bytes.
     *
     * @param bytes the bytes
     * @return 64 lower-case hex digits
     */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
