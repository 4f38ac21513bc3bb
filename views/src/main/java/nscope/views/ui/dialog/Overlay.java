package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import nscope.views.text.Fit;

/** A box drawn over the screen (the help, a confirmation): cleared, centred, its title in bold. */
final class Overlay {
    private Overlay() {}

    /** Clears a width x height box in the middle of a w x h screen, writes the title; returns its top-left corner {x, y}. */
    static int[] box(TextGraphics g, int w, int h, int width, int height, String title) {
        int x0 = (w - width) / 2, y0 = Math.max(0, (h - height) / 2);
        for (int y = y0; y < y0 + height; y++) g.putString(x0, y, " ".repeat(width));
        g.enableModifiers(SGR.BOLD);
        g.putString(x0 + 2, y0, Fit.cut(title, width - 3));
        g.disableModifiers(SGR.BOLD);
        return new int[] {x0, y0};
    }
}
