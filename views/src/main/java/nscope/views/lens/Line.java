package nscope.views.lens;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the lens: a heading, a row of a table or figures, or a note saying what a field means and
 * where it came from. Plain host text (the printer escapes it); {@link #wrap} folds it to a width, each
 * continuation under the line's own indent plus {@code hang}.
 */
public record Line(Kind kind, String text, int hang) {
    public enum Kind {
        HEADING,
        ROW,
        NOTE,
        BLANK
    }

    static Line heading(String s) {
        return new Line(Kind.HEADING, s, 2);
    }

    static Line row(String s) {
        return new Line(Kind.ROW, s, 2);
    }

    static Line row(String s, int hang) {
        return new Line(Kind.ROW, s, hang);
    }

    static Line note(String s) {
        return new Line(Kind.NOTE, s, 2);
    }

    static Line blank() {
        return new Line(Kind.BLANK, "", 0);
    }

    /** The line folded at spaces to at most width characters (a word longer than that is cut). */
    public List<String> wrap(int width) {
        List<String> out = new ArrayList<>();
        if (text.length() <= width) {
            out.add(text);
            return out;
        }
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ') indent++;
        String pad = " ".repeat(Math.min(width / 2, indent + hang));
        String rest = text;
        boolean first = true;
        while (!rest.isEmpty()) {
            String lead = first ? "" : pad;
            int room = Math.max(1, width - lead.length());
            if (rest.length() <= room) {
                out.add(lead + rest);
                break;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= (first ? indent : 0)) cut = room;
            out.add(lead + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            first = false;
        }
        return out;
    }
}
