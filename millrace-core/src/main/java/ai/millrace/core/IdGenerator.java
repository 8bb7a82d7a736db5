package ai.millrace.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the random parts of the ids Millrace creates ({@code run-<32 hex>}, {@code request-<32 hex>},
 * incident and learning-request suffixes).
 *
 * <p>Inject {@link #sequential()} in tests so that every id, and so every file name, is
 * predictable. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IdGenerator {
    /**
     * Returns fresh lower-case hex of the given length.
     *
     * @param length the number of hex digits, 1 to 64
     * @return the hex string, never null
     */
    String hex(int length);

    /**
     * Returns the production generator, backed by {@link SecureRandom}.
     *
     * @return a random generator
     */
    static IdGenerator random() {
        SecureRandom random = new SecureRandom();
        return length -> {
            byte[] bytes = new byte[(length + 1) / 2];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes).substring(0, length);
        };
    }

    /**
     * Returns a deterministic generator for tests: {@code 000…001}, {@code 000…002}, and so on.
     *
     * @return a counting generator
     */
    static IdGenerator sequential() {
        AtomicLong counter = new AtomicLong();
        return length -> {
            String digits = Long.toHexString(counter.incrementAndGet());
            if (digits.length() >= length) {
                return digits.substring(digits.length() - length);
            }
            return "0".repeat(length - digits.length()) + digits;
        };
    }
}
