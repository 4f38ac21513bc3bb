package nscope.views.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Text fitted to the room a screen has for it: cut, or broken only where a
 * reader expects a break (between words, between the parts of a header,
 * after a '/' of a path too long for a line), never inside a value such as
 * an inode or a number.
 */
public final class Fit {
    /** What ends a line that had to leave something out. */
    public static final String MORE = " ...";

    private Fit() {}

    /** At most width characters of s (nothing for no room). */
    public static String cut(String s, int width) {
        if (width <= 0) return "";
        return s.length() <= width ? s : s.substring(0, width);
    }

    /**
     * As many whole units as fit, joined by sep, in order; when some are left
     * out, {@link #MORE} ends the line (a unit less, if need be, to make
     * room). A first unit too long alone is cut, ending in '~'.
     */
    public static String units(List<String> units, String sep, int width) {
        if (width <= 0) return "";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            String next = (i == 0 ? "" : sep) + units.get(i);
            boolean last = i == units.size() - 1;
            if (b.length() + next.length() + (last ? 0 : MORE.length()) <= width) {
                b.append(next);
                continue;
            }
            if (last && b.length() + next.length() <= width)
                return b.append(next).toString();
            if (i == 0) return tilde(units.get(0), width); // whole if it fits alone
            return b.append(MORE).toString();
        }
        return b.toString();
    }

    /** s cut to width, its last character a '~' when anything was cut (as a screen's cell). */
    public static String tilde(String s, int width) {
        if (width <= 0) return "";
        if (s.length() <= width) return s;
        return width == 1 ? s.substring(0, 1) : s.substring(0, width - 1) + "~";
    }

    /**
     * Text in lines of at most width, broken at spaces (a run of spaces
     * inside a line is kept, one at a break is dropped); a word longer than a
     * line is broken after a '/', ',', ':' or '=' inside it, else where the
     * line ends. More than maxLines: the last one ends in {@link #MORE}, at a
     * word's end.
     */
    public static List<String> wrap(String text, int width, int maxLines) {
        List<String> lines = new ArrayList<>();
        if (width <= 0 || maxLines <= 0) return lines;
        StringBuilder line = new StringBuilder();
        int i = 0, n = text.length();
        while (i < n) {
            int spaceEnd = i;
            while (spaceEnd < n && text.charAt(spaceEnd) == ' ') spaceEnd++;
            int wordEnd = spaceEnd;
            while (wordEnd < n && text.charAt(wordEnd) != ' ') wordEnd++;
            String space = line.length() == 0 ? "" : text.substring(i, spaceEnd);
            String word = text.substring(spaceEnd, wordEnd);
            i = wordEnd;
            if (line.length() + space.length() + word.length() <= width) {
                line.append(space).append(word);
                continue;
            }
            if (word.length() > width && line.length() + space.length() < width) {
                // a word that must be broken anyway starts here, up to a '/' (or the like) within the room left
                int at = breakAt(word, width - line.length() - space.length(), false);
                if (at > 0) {
                    line.append(space).append(word, 0, at);
                    word = word.substring(at);
                }
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder();
            }
            while (word.length() > width) {
                int at = breakAt(word, width, true);
                lines.add(word.substring(0, at));
                word = word.substring(at);
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString());
        if (lines.size() <= maxLines) return lines;
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        kept.set(maxLines - 1, ending(kept.get(maxLines - 1), width));
        return kept;
    }

    /**
     * Where a word too long for a line breaks: after its last '/', ',', ':'
     * or '=' within the room; else at the room's end (hard) or nowhere (0).
     */
    private static int breakAt(String word, int room, boolean hard) {
        for (int j = Math.min(room, word.length()) - 1; j > 0; j--)
            if ("/,:=".indexOf(word.charAt(j)) >= 0) return j + 1;
        return hard ? room : 0;
    }

    /** A line that more follows: words dropped from its end until {@link #MORE} fits after it. */
    private static String ending(String line, int width) {
        String s = line;
        while (s.length() + MORE.length() > width) {
            int sp = s.stripTrailing().lastIndexOf(' ');
            if (sp <= 0) return cut(s, Math.max(0, width - MORE.length())) + cut(MORE, width);
            s = s.substring(0, sp);
        }
        return s.stripTrailing() + MORE;
    }
}
