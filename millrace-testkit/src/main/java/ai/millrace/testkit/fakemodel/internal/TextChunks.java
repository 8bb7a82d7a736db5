package ai.millrace.testkit.fakemodel.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits reply text into stream deltas of a fixed number of code points, never inside a
 * surrogate pair.
 */
public final class TextChunks {
    private TextChunks() {
    }

    /**
     * Splits a text.
     *
     * @param text the text, never null
     * @param codePoints the most code points per piece, at least 1
     * @return the pieces in order; empty for an empty text
     */
    public static List<String> split(String text, int codePoints) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = start;
            for (int i = 0; i < codePoints && end < text.length(); i++) {
                end = text.offsetByCodePoints(end, 1);
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
