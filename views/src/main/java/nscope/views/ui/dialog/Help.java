package nscope.views.ui.dialog;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.List;
import nscope.views.keys.Binding;
import nscope.views.text.Fit;

/**
 * The help overlay, made from the key table's bindings: long lines wrap under
 * themselves; a terminal too small for all of it shows part, which the
 * arrows and pages scroll; any other key closes it.
 */
public final class Help implements Dialog {
    private final List<Binding> bindings;
    private int top;

    public Help(List<Binding> bindings) {
        this.bindings = bindings;
    }

    @Override
    public Result key(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowDown -> top++;
            case ArrowUp -> top = Math.max(0, top - 1);
            case PageDown -> top += 10;
            case PageUp -> top = Math.max(0, top - 10);
            default -> {
                return Result.done(null, false);
            }
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = Math.min(w - 4, 76);
        List<String> lines = lines(bindings, width - 3);
        int height = Math.min(h - 2, lines.size() + 4), rows = height - 4;
        top = Math.min(top, Math.max(0, lines.size() - rows));
        String title = rows < lines.size()
                ? "nscope keys, lines " + (top + 1) + "-" + (top + rows) + " of " + lines.size()
                        + " (Up/Down: more; any other key closes this)"
                : "nscope keys (any key closes this)";
        int[] at = Overlay.box(g, w, h, width, height, title);
        for (int i = 0; i < rows && top + i < lines.size(); i++)
            g.putString(at[0] + 2, at[1] + 2 + i, lines.get(top + i));
    }

    /** Each binding as "keys  what it does", what it does wrapped at spaces under itself. */
    public static List<String> lines(List<Binding> bindings, int width) {
        List<String> out = new ArrayList<>();
        int text = Math.max(10, width - 16);
        for (Binding b : bindings) {
            String rest = b.help(), keys = String.format("%-15s ", b.shown());
            while (!rest.isEmpty()) {
                int cut = rest.length() <= text ? rest.length() : Math.max(rest.lastIndexOf(' ', text), 1);
                out.add(Fit.cut(keys + rest.substring(0, cut), width));
                rest = rest.substring(cut).strip();
                keys = " ".repeat(16);
            }
        }
        return out;
    }
}
