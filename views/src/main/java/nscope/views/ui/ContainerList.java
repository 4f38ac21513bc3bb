package nscope.views.ui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import nscope.views.text.Escape;

/**
 * C: nscope's containers as nscope ps lists them. Up/Down choose one;
 * Enter shows its PID 1 on the processes screen, e enters it, x stops or
 * removes it (asking first); Esc closes.
 */
final class ContainerList implements Dialog {
    /** What a key does to the chosen container: a dialog result. */
    interface Act { Result on(String name, char key); }

    private final List<String> lines;
    private final Act act;
    private int at;

    /** @param lines the table: a header, then a line per container with its name first */
    ContainerList(List<String> lines, Act act) {
        this.lines = lines;
        this.act = act;
    }

    private String chosen() {
        if (lines.size() < 2) return null;
        String l = lines.get(1 + Math.min(at, lines.size() - 2));
        int sp = l.indexOf(' ');
        return sp < 0 ? l : l.substring(0, sp);
    }

    @Override public Result key(KeyStroke k) {
        String name = chosen();
        switch (k.getKeyType()) {
            case ArrowUp -> at = Math.max(0, at - 1);
            case ArrowDown -> at = Math.min(Math.max(0, lines.size() - 2), at + 1);
            case Enter -> { return name == null ? Result.done("", false) : act.on(name, '\n'); }
            case Character -> {
                char c = k.getCharacter();
                if ((c == 'e' || c == 'x') && name != null) return act.on(name, c);
                return Result.done("", false);
            }
            default -> { return k.getKeyType() == KeyType.Escape ? Result.done("", false) : null; }
        }
        return null;
    }

    @Override public void draw(TextGraphics g, int w, int h) {
        int width = w - 4, height = Math.min(h - 2, Math.max(lines.size(), 2) + 5);
        int[] o = Overlay.box(g, w, h, width, height, "nscope's containers (nscope ps)");
        if (lines.size() < 2) {
            g.putString(o[0] + 2, o[1] + 2, TreePane.fit("none: c makes one", width - 3));
        } else {
            g.putString(o[0] + 2, o[1] + 2, TreePane.fit(Escape.terminal(lines.get(0)), width - 3));
            int rows = height - 5, first = Math.max(0, Math.min(at - rows + 1, lines.size() - 1 - rows));
            for (int i = 0; i < rows && first + i + 1 < lines.size(); i++) {
                if (first + i == at) g.enableModifiers(SGR.REVERSE);
                g.putString(o[0] + 2, o[1] + 3 + i, TreePane.fit(Escape.terminal(lines.get(first + i + 1)), width - 3));
                if (first + i == at) g.disableModifiers(SGR.REVERSE);
            }
        }
        g.putString(o[0] + 2, o[1] + height - 2, TreePane.fit("Enter: show its PID 1   e: enter it   x: stop or remove   Esc: close", width - 3));
    }
}
