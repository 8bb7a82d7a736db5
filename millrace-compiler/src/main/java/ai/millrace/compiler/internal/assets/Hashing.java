package ai.millrace.compiler.internal.assets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Stateless. */
public final class Hashing {
    private Hashing() {
    }

    /**
     * Hashes bytes.
     *
     * @param bytes the content
     * @return lower-case hex SHA-256
     */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * Hashes a UTF-8 string.
     *
     * @param text the content
     * @return lower-case hex SHA-256
     */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @return a fresh SHA-256 digest */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
