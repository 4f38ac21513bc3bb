package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.List;
import nscope.views.text.Fit;

/**
 * A box drawn over the screen (the help, a confirmation): cleared, centred,
 * its title in bold. A title too long for one line wraps onto the line under
 * it (the box's blank line) at word boundaries, a long path after a '/';
 * what is left beyond two lines ends in " ...".
 */
final class Overlay {
    /** The most lines a title takes. */
    static final int TITLE_LINES = 2;

    private Overlay() {}

    /**
     * Clears a width x height box in the middle of a w x h screen, writes the
     * title; returns its top-left corner and how many lines the title took
     * beyond its first: {x, y, extra}.
     */
    static int[] box(TextGraphics g, int w, int h, int width, int height, String title) {
        int x0 = (w - width) / 2, y0 = Math.max(0, (h - height) / 2);
        for (int y = y0; y < y0 + height; y++) g.putString(x0, y, " ".repeat(width));
        List<String> lines = titleLines(title, width);
        g.enableModifiers(SGR.BOLD);
        for (int i = 0; i < lines.size(); i++) g.putString(x0 + 2, y0 + i, lines.get(i));
        g.disableModifiers(SGR.BOLD);
        return new int[] {x0, y0, lines.size() - 1};
    }

    /** A title's lines in a box of this width. */
    static List<String> titleLines(String title, int width) {
        return Fit.wrap(title, width - 3, TITLE_LINES);
    }
}
