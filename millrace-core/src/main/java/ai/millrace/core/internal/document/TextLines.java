package ai.millrace.core.internal.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into lines at the same characters Python's {@code str.splitlines()} does, so a
 * document reads the same here as in the original; and finds those characters in values that are
 * about to be written on one line. Stateless.
 */
public final class TextLines {
    private TextLines() {
    }

    /**
     * Tells whether a character ends a line for Python's {@code splitlines()}.
     *
     * @param c the character
     * @return true for LF, CR, VT, FF, FS, GS, RS, NEL, LS and PS
     */
    public static boolean isLineBreak(char c) {
        switch (c) {
            case '\n':
            case '\r':
            case '\u000b':
            case '\u000c':
            case '\u001c':
            case '\u001d':
            case '\u001e':
            case '\u0085':
            case '\u2028':
            case '\u2029':
                return true;
            default:
                return false;
        }
    }

    /**
     * Tells whether a value would span more than one line when written.
     *
     * @param value the value
     * @return true when it contains any line break character
     */
    public static boolean hasLineBreak(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isLineBreak(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits text into lines without their terminators; {@code \r\n} counts as one break and a
     * trailing break does not start an empty last line.
     *
     * @param text the text
     * @return the lines; empty for empty text
     */
    public static List<String> split(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
