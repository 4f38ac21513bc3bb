package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * A dialog of fields: switches (Space flips one) and text (typed in place).
 * Up/Down or Tab move between fields, Enter submits, Esc cancels. What
 * Enter does is the submit function's: usually a confirmation naming the
 * change, or a refusal in words when a field is wrong (the form stays open).
 */
public final class Form implements Dialog {
    private final String title;
    private final Map<String, Boolean> switches = new LinkedHashMap<>();
    private final Map<String, StringBuilder> texts = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final String hint;
    private Function<Form, Result> submit;
    private int at;
    private String problem = "";

    public Form(String title, String hint) {
        this.title = title;
        this.hint = hint;
    }

    public Form toggle(String label, boolean on) {
        switches.put(label, on);
        order.add(label);
        return this;
    }

    public Form text(String label, String value) {
        texts.put(label, new StringBuilder(value));
        order.add(label);
        return this;
    }

    public Form onSubmit(Function<Form, Result> f) {
        submit = f;
        return this;
    }

    public boolean on(String label) {
        return Boolean.TRUE.equals(switches.get(label));
    }

    public String text(String label) {
        StringBuilder b = texts.get(label);
        return b == null ? "" : b.toString().trim();
    }

    /** The switches of these labels that are on, in form order. */
    public List<String> onOf(List<String> labels) {
        return labels.stream().filter(this::on).toList();
    }

    /** Keeps the form open with this said under it (a wrong field). */
    public Result stay(String why) {
        problem = why;
        return null;
    }

    @Override
    public Result key(KeyStroke k) {
        String field = order.get(at);
        switch (k.getKeyType()) {
            case Escape -> {
                return Result.done("nothing changed", false);
            }
            case ArrowUp -> at = (at + order.size() - 1) % order.size();
            case ArrowDown, Tab -> at = (at + 1) % order.size();
            case ReverseTab -> at = (at + order.size() - 1) % order.size();
            case Enter -> {
                problem = "";
                try {
                    return submit.apply(this);
                } catch (IllegalArgumentException e) { // a field the submit function could not take (an unclosed quote)
                    return stay(e.getMessage());
                }
            }
            case Backspace -> {
                if (texts.containsKey(field) && texts.get(field).length() > 0)
                    texts.get(field).setLength(texts.get(field).length() - 1);
            }
            case Character -> {
                char c = k.getCharacter();
                if (k.isCtrlDown()) return null;
                if (switches.containsKey(field)) {
                    if (c == ' ') switches.put(field, !switches.get(field));
                } else if (!Character.isISOControl(c) && texts.get(field).length() < 200) {
                    texts.get(field).append(c);
                }
            }
            default -> {}
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = Math.min(w - 4, 76), height = Math.min(h - 2, order.size() + 6);
        int[] o = Overlay.box(g, w, h, width, height, title);
        int rows = height - 6, first = Math.max(0, Math.min(at - rows + 1, order.size() - rows));
        for (int i = 0; i < rows && first + i < order.size(); i++) {
            String label = order.get(first + i);
            String line = switches.containsKey(label)
                    ? (on(label) ? "[x] " : "[ ] ") + label
                    : label + ": " + Escape.terminal(texts.get(label).toString()) + (first + i == at ? "_" : "");
            if (first + i == at) g.enableModifiers(SGR.REVERSE);
            g.putString(o[0] + 2, o[1] + 2 + i, Fit.cut(line, width - 3));
            if (first + i == at) g.disableModifiers(SGR.REVERSE);
        }
        if (!problem.isEmpty()) g.putString(o[0] + 2, o[1] + height - 3, Fit.cut(Escape.terminal(problem), width - 3));
        g.putString(o[0] + 2, o[1] + height - 2, Fit.cut(hint, width - 3));
    }
}
