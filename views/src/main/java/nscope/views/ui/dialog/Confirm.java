package nscope.views.ui.dialog;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.function.Function;
import nscope.views.text.Fit;

/**
 * An action waiting for y: the question for the chosen option (a signal;
 * the other actions have one), the lines that name what it touches, and
 * what runs on y. s picks the next option; any other key cancels.
 */
public final class Confirm implements Dialog {
    private final Function<String, String> question;
    private final List<String> lines, options;
    private final Function<String, String> run;
    private int option;

    public Confirm(
            Function<String, String> question, List<String> lines, List<String> options, Function<String, String> run) {
        this.question = question;
        this.lines = lines;
        this.options = options;
        this.run = run;
    }

    /** A key while asking: null while it still asks, else what happened. */
    @Override
    public Result key(KeyStroke k) {
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (c != null && c == 's' && options.size() > 1) {
            option = (option + 1) % options.size();
            return null;
        }
        if (c != null && c == 'y') return Result.done(run.apply(options.get(option)), true);
        return Result.done("nothing changed", false);
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = Math.min(w - 4, 76), rows = Math.min(lines.size(), Math.max(1, h - 10));
        int height = rows + 5;
        int[] at = Overlay.box(g, w, h, width, height, question.apply(options.get(option)));
        for (int i = 0; i < rows; i++) {
            String line =
                    i == rows - 1 && rows < lines.size() ? "... and " + (lines.size() - i) + " more" : lines.get(i);
            g.putString(at[0] + 2, at[1] + 2 + i, Fit.cut(line, width - 3));
        }
        String keys = options.size() > 1
                ? "y: yes   s: " + (options.contains("stop") ? "stop or remove" : "another signal")
                        + "   any other key: cancel"
                : "y: yes   any other key: cancel";
        g.putString(at[0] + 2, at[1] + height - 2, Fit.cut(keys, width - 3));
    }
}
