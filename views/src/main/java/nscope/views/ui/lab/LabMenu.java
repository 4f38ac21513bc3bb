package nscope.views.ui.lab;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.function.Function;
import nscope.views.lab.LabDriver.Listed;
import nscope.views.text.Escape;
import nscope.views.text.Fit;
import nscope.views.ui.dialog.Dialog;

/**
 * T: the labs, as `nscope lab` lists them. Up/Down choose one; under the list, why the chosen one cannot
 * run here, if it cannot; Enter opens it (or says why not), Esc or q closes the list.
 */
public final class LabMenu implements Dialog {
    static final String HINT = "Up/Down: choose   Enter: open the lab   Esc, q: close";

    private final List<Listed> labs;
    private final List<String> refusals;
    private final Function<String, Result> open;
    private int at;

    /**
     * @param refusals per lab, why it cannot run here (null: it can)
     * @param open     what Enter on a lab that can run does
     */
    public LabMenu(List<Listed> labs, List<String> refusals, Function<String, Result> open) {
        this.labs = List.copyOf(labs);
        this.refusals = refusals;
        this.open = open;
    }

    @Override
    public Result key(KeyStroke k) {
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (k.getKeyType() == KeyType.Escape || c != null && c == 'q') return Result.done(null, false);
        if (k.getKeyType() == KeyType.ArrowUp || c != null && c == 'k') at = Math.max(0, at - 1);
        else if (k.getKeyType() == KeyType.ArrowDown || c != null && c == 'j')
            at = Math.min(Math.max(0, labs.size() - 1), at + 1);
        else if (k.getKeyType() == KeyType.Enter) {
            if (labs.isEmpty()) return Result.done("no lab is built into this nscope", false);
            String no = refusals.get(at);
            return no != null ? Result.done(no, false) : open.apply(labs.get(at).name());
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = w - 4, height = Math.min(h - 2, labs.size() + 8), rows = Math.max(1, height - 7);
        int x0 = (w - width) / 2, y0 = Math.max(0, (h - height) / 2);
        for (int y = y0; y < y0 + height; y++) g.putString(x0, y, " ".repeat(width));
        g.enableModifiers(SGR.BOLD);
        g.putString(x0 + 2, y0, Fit.cut("Labs: a lesson, step by step, on this host's kernel (nscope lab)", width - 3));
        g.disableModifiers(SGR.BOLD);
        int nameW = labs.stream().mapToInt(l -> l.name().length()).max().orElse(0);
        int first = Math.max(0, Math.min(at - rows + 1, labs.size() - rows));
        for (int i = 0; i < rows && first + i < labs.size(); i++) {
            Listed l = labs.get(first + i);
            String line = String.format("%-" + nameW + "s  %s", Escape.terminal(l.name()), Escape.terminal(l.title()));
            if (first + i == at) g.enableModifiers(SGR.REVERSE);
            g.putString(x0 + 2, y0 + 2 + i, Fit.tilde(line, width - 4));
            if (first + i == at) g.disableModifiers(SGR.REVERSE);
        }
        String why = labs.isEmpty()
                ? "no lab is built into this nscope"
                : refusals.get(at) == null ? "it runs here: Enter starts it" : refusals.get(at);
        List<String> says = Fit.wrap(Escape.terminal(why), width - 4, 2);
        for (int i = 0; i < says.size(); i++) g.putString(x0 + 2, y0 + height - 4 + i, says.get(i));
        g.putString(x0 + 2, y0 + height - 2, Fit.cut(HINT, width - 4));
    }
}
