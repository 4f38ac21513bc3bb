package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.List;
import java.util.function.Function;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * C: nscope's containers as nscope ps lists them. Up/Down choose one; the
 * other keys are the key table's for the container list (Enter shows its
 * PID 1, e enters it, x stops or removes it, Esc closes), given the one
 * chosen here.
 */
public final class ContainerList implements Dialog {
    private final List<String> lines;
    private final String hint;
    private final Function<KeyStroke, Result> others;
    private int at;

    /**
     * @param lines  the table: a header, then a line per container with its name first
     * @param hint   the keys offered, for the list's last line
     * @param others what any key but Up/Down does (the key table's, for {@link #chosen()}): null while the list stays
     */
    public ContainerList(List<String> lines, String hint, Function<KeyStroke, Result> others) {
        this.lines = lines;
        this.hint = hint;
        this.others = others;
    }

    /** The name of the container chosen, or null when there is none. */
    public String chosen() {
        if (lines.size() < 2) return null;
        String l = lines.get(1 + Math.min(at, lines.size() - 2));
        int sp = l.indexOf(' ');
        return sp < 0 ? l : l.substring(0, sp);
    }

    @Override
    public Result key(KeyStroke k) {
        switch (k.getKeyType()) {
            case ArrowUp -> at = Math.max(0, at - 1);
            case ArrowDown -> at = Math.min(Math.max(0, lines.size() - 2), at + 1);
            default -> {
                return others.apply(k);
            }
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = w - 4, height = Math.min(h - 2, Math.max(lines.size(), 2) + 5);
        int[] o = Overlay.box(g, w, h, width, height, "nscope's containers (nscope ps)");
        if (lines.size() < 2) {
            g.putString(o[0] + 2, o[1] + 2, Fit.cut("none: c makes one", width - 3));
        } else {
            g.putString(o[0] + 2, o[1] + 2, Fit.cut(Escape.terminal(lines.get(0)), width - 3));
            int rows = height - 5, first = Math.max(0, Math.min(at - rows + 1, lines.size() - 1 - rows));
            for (int i = 0; i < rows && first + i + 1 < lines.size(); i++) {
                if (first + i == at) g.enableModifiers(SGR.REVERSE);
                g.putString(o[0] + 2, o[1] + 3 + i, Fit.cut(Escape.terminal(lines.get(first + i + 1)), width - 3));
                if (first + i == at) g.disableModifiers(SGR.REVERSE);
            }
        }
        g.putString(o[0] + 2, o[1] + height - 2, Fit.cut(hint, width - 3));
    }
}
