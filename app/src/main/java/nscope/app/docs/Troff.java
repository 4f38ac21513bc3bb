package nscope.app.docs;

/** Text made safe for troff: a backslash, a minus that must stay a minus, a line that would read as a request. */
final class Troff {
    private Troff() {}

    /** One paragraph's text; a newline in it starts a new output line (.br). */
    static String text(String s) {
        StringBuilder out = new StringBuilder();
        String[] lines = s.replace("\r", "").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) out.append("\n.br\n");
            out.append(line(lines[i]));
        }
        return out.toString();
    }

    /** One line: \ as \e, - as \- (so --json is typed as shown), and \& before a leading . or ' (a request). */
    static String line(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }

    /** Bold, for a name the reader types. */
    static String bold(String s) {
        return "\\fB" + line(s) + "\\fR";
    }

    /** Italic, for what the reader replaces. */
    static String italic(String s) {
        return "\\fI" + line(s) + "\\fR";
    }
}
