package nscope.app.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown of the reference guides (app/src/main/man/*.md, read as they are on the web) as sections
 * of nscope(1). Only what the guides use: headings, paragraphs, fenced code, "- " and "1. " lists,
 * tables, `code`, **bold**, links and pictures (a picture is left out: a terminal shows none).
 */
final class MarkdownTroff {
    private final List<String> in;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private MarkdownTroff(String markdown) {
        this.in = List.of(markdown.replace("\r", "").split("\n", -1));
    }

    /** The guide as troff: its "# Title" a section (.SH), "##" and "###" subsections (.SS). */
    static String of(String markdown) {
        MarkdownTroff m = new MarkdownTroff(markdown);
        m.blocks();
        return m.out.toString();
    }

    private void blocks() {
        while (i < in.size()) {
            String l = in.get(i);
            if (l.isBlank() || l.startsWith("![")) i++;
            else if (l.startsWith("#")) heading(l);
            else if (l.startsWith("```")) code();
            else if (l.startsWith("|")) table();
            else if (item(l) != null) list();
            else paragraph();
        }
    }

    private void heading(String l) {
        int level = l.indexOf(' ');
        String title = plain(l.substring(level + 1).trim());
        if (level == 1) line(".SH \"" + Troff.line(title.toUpperCase(Locale.ROOT)) + "\"");
        else line(".SS \"" + Troff.line(title) + "\"");
        i++;
    }

    private void code() {
        i++;
        line(".PP");
        line(".RS 2");
        line(".nf");
        while (i < in.size() && !in.get(i).startsWith("```")) line(Troff.line(in.get(i++)));
        i++;
        line(".fi");
        line(".RE");
    }

    /** A table as tagged paragraphs: the first cell the tag, the others each after its column's name. */
    private void table() {
        List<String> head = cells(in.get(i++));
        if (i < in.size() && in.get(i).matches("\\|[-:| ]+\\|?")) i++;
        while (i < in.size() && in.get(i).startsWith("|")) {
            List<String> row = cells(in.get(i++));
            line(".TP");
            line(inline(row.get(0)));
            List<String> rest = new ArrayList<>();
            for (int c = 1; c < row.size(); c++)
                rest.add((c < head.size() ? inline(plain(head.get(c))) + ": " : "") + inline(row.get(c)));
            line(String.join("; ", rest).isEmpty() ? "\\&" : String.join(".\n.br\n", rest));
        }
    }

    private static List<String> cells(String row) {
        String r = row.trim();
        r = r.substring(1, r.endsWith("|") && r.length() > 1 ? r.length() - 1 : r.length());
        List<String> out = new ArrayList<>();
        for (String c : r.split("(?<!\\\\)\\|", -1)) out.add(c.trim().replace("\\|", "|"));
        return out;
    }

    private void list() {
        while (i < in.size() && item(in.get(i)) != null) {
            String marker = item(in.get(i));
            StringBuilder text =
                    new StringBuilder(in.get(i++).substring(marker.length() + 1).trim());
            while (i < in.size() && in.get(i).startsWith("  ") && !in.get(i).isBlank())
                text.append(' ').append(in.get(i++).trim());
            line(marker.equals("-") ? ".IP \\(bu 2" : ".IP " + marker + " 4");
            line(inline(text.toString()));
        }
    }

    /** "-" or "N." when the line starts a list item, else null. */
    private static String item(String l) {
        if (l.startsWith("- ")) return "-";
        int dot = l.indexOf(". ");
        return dot > 0 && dot < 4 && l.substring(0, dot).chars().allMatch(Character::isDigit)
                ? l.substring(0, dot + 1)
                : null;
    }

    private void paragraph() {
        StringBuilder text = new StringBuilder();
        while (i < in.size()) {
            String l = in.get(i);
            if (l.isBlank() || l.startsWith("#") || l.startsWith("```") || l.startsWith("|") || l.startsWith("!["))
                break;
            if (text.length() > 0 && item(l) != null) break;
            text.append(text.length() == 0 ? "" : " ").append(l.trim());
            i++;
        }
        line(".PP");
        line(inline(text.toString()));
    }

    /** `code` and **bold** in bold, [text](link) as text (link), each piece escaped for troff. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        int p = 0;
        while (p < s.length()) {
            char c = s.charAt(p);
            int end;
            if (c == '`' && (end = s.indexOf('`', p + 1)) > 0) {
                b.append("\\fB").append(escape(s.substring(p + 1, end))).append("\\fR");
                p = end + 1;
            } else if (s.startsWith("**", p) && (end = s.indexOf("**", p + 2)) > 0) {
                b.append("\\fB").append(inline(s.substring(p + 2, end))).append("\\fR");
                p = end + 2;
            } else if (c == '[' && (end = link(s, p)) > 0) {
                int mid = s.indexOf("](", p);
                b.append(inline(s.substring(p + 1, mid)))
                        .append(" (")
                        .append(escape(s.substring(mid + 2, end)))
                        .append(')');
                p = end + 1;
            } else {
                int next = p + 1;
                while (next < s.length() && "`*[".indexOf(s.charAt(next)) < 0) next++;
                b.append(escape(s.substring(p, next)));
                p = next;
            }
        }
        String out = b.toString();
        return out.startsWith(".") || out.startsWith("'") ? "\\&" + out : out;
    }

    /** The index of the ")" closing a link [text](target) that starts at p, or -1. */
    private static int link(String s, int p) {
        int mid = s.indexOf("](", p);
        int close = mid < 0 ? -1 : s.indexOf(')', mid);
        return mid > 0 && close > 0 && s.indexOf('\n', p) < 0 ? close : -1;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    /** The text without its Markdown marks, for a heading or a tag. */
    private static String plain(String s) {
        return s.replace("`", "").replace("**", "");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
