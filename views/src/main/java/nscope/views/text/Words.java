package nscope.views.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A command typed in a form, made an argv as a POSIX shell would split it,
 * without a shell ever reading it: words at blanks, 'single quotes' taken
 * as they are, "double quotes" with \" \\ \$ \` escaped, and a backslash
 * outside quotes escaping the next character. No expansion of any kind
 * ($VAR, globs, ~) is made: the argv is what was typed.
 */
public final class Words {
    private Words() {}

    /** The words; IllegalArgumentException (with a sentence) for an unterminated quote or a trailing backslash. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("a ' quote is not closed");
                w.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, w);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= text.length())
                    throw new IllegalArgumentException("a \\ ends the command: nothing to escape");
                w.append(text.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(w.toString());
        return out;
    }

    /** From just after an opening ", to its closing "; returns the closing quote's index. */
    private static int doubleQuoted(String text, int from, StringBuilder w) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') return i;
            if (c == '\\' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) c = text.charAt(++i);
            w.append(c);
        }
        throw new IllegalArgumentException("a \" quote is not closed");
    }

    /**
     * Words joined as a shell user would type them so that split gives them
     * back: plain words as they are, others in 'single quotes' ('\'' for a quote).
     */
    public static String quoted(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (b.length() > 0) b.append(' ');
            if (!w.isEmpty() && w.matches("[A-Za-z0-9_@%+=:,./-]+")) b.append(w);
            else b.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return b.toString();
    }
}
