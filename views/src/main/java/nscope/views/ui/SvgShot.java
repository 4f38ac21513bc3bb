package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminal;
import java.util.Map;

/**
 * A screenshot: what a virtual terminal shows, as plain text and as an SVG
 * (runs of one style as one text element, reverse video as a filled box),
 * so the README can show the real screens.
 */
public final class SvgShot {
    private SvgShot() {}

    private static final double CW = 8.4, CH = 17;
    private static final Map<TextColor.ANSI, String> RGB = Map.of(
            TextColor.ANSI.RED,
            "#e06c75",
            TextColor.ANSI.GREEN,
            "#98c379",
            TextColor.ANSI.YELLOW,
            "#e5c07b",
            TextColor.ANSI.BLUE,
            "#61afef",
            TextColor.ANSI.MAGENTA,
            "#c678dd",
            TextColor.ANSI.CYAN,
            "#56b6c2",
            TextColor.ANSI.WHITE,
            "#dcdfe4",
            TextColor.ANSI.BLACK,
            "#282c34");
    private static final String FG = "#dcdfe4", BG = "#282c34";

    public static String text(VirtualTerminal vt) {
        StringBuilder b = new StringBuilder();
        TerminalSize s = vt.getTerminalSize();
        for (int y = 0; y < s.getRows(); y++) {
            StringBuilder line = new StringBuilder();
            for (int x = 0; x < s.getColumns(); x++)
                line.append(vt.getCharacter(x, y).getCharacterString());
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

    public static String svg(VirtualTerminal vt) {
        TerminalSize s = vt.getTerminalSize();
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                java.util.Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" font-family=\"DejaVu Sans Mono, monospace\" font-size=\"14\">%n",
                s.getColumns() * CW + 16,
                s.getRows() * CH + 16));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(BG).append("\"/>\n");
        for (int y = 0; y < s.getRows(); y++) {
            int x = 0;
            while (x < s.getColumns()) {
                TextCharacter c = vt.getCharacter(x, y);
                int end = x + 1;
                StringBuilder run = new StringBuilder(c.getCharacterString());
                while (end < s.getColumns() && same(c, vt.getCharacter(end, y)))
                    run.append(vt.getCharacter(end++, y).getCharacterString());
                boolean reverse = c.getModifiers().contains(SGR.REVERSE);
                String fg = color(c.getForegroundColor(), FG), bg = color(c.getBackgroundColor(), BG);
                if (reverse) {
                    String t = fg;
                    fg = bg;
                    bg = t;
                }
                double px = 8 + x * CW, py = 8 + y * CH;
                if (!bg.equals(BG))
                    b.append(String.format(
                            java.util.Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.0f\" fill=\"%s\"/>%n",
                            px,
                            py,
                            (end - x) * CW,
                            CH,
                            bg));
                String txt = run.toString();
                if (!txt.isBlank())
                    b.append(String.format(
                            java.util.Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\"%s xml:space=\"preserve\">%s</text>%n",
                            px,
                            py + 13,
                            fg,
                            c.getModifiers().contains(SGR.BOLD) ? " font-weight=\"bold\"" : "",
                            xml(txt)));
                x = end;
            }
        }
        return b.append("</svg>\n").toString();
    }

    private static boolean same(TextCharacter a, TextCharacter b) {
        return a.getForegroundColor().equals(b.getForegroundColor())
                && a.getBackgroundColor().equals(b.getBackgroundColor())
                && a.getModifiers().equals(b.getModifiers());
    }

    private static String color(TextColor c, String dflt) {
        return c instanceof TextColor.ANSI a && RGB.containsKey(a) ? RGB.get(a) : dflt;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
