package nscope.views.ui.dialog;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import nscope.probes.cgroups.CgroupTree;
import nscope.views.actions.Actions;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * Picks a cgroup from one hierarchy's tree, or a path in every hierarchy
 * that has it ("all hierarchies", the last choice): Left/Right change the
 * hierarchy, typing narrows the list to paths holding the text, Enter
 * picks, Esc cancels.
 */
public final class CgroupPicker implements Dialog {
    /** Parents before children, siblings by name ('/' sorts before every other character). */
    public static final Comparator<String> TREE_ORDER = Comparator.comparing(p -> p.replace('/', '\0'));

    private final String title;
    private final List<CgroupTree> trees;
    private final Function<List<Actions.CgroupTarget>, Result> pick;
    private final StringBuilder filter = new StringBuilder();
    private int hierarchy, at, lastRows = 10;

    public CgroupPicker(String title, List<CgroupTree> trees, Function<List<Actions.CgroupTarget>, Result> pick) {
        this.title = title;
        this.trees = trees;
        this.pick = pick;
    }

    private boolean all() {
        return hierarchy == trees.size();
    }

    /** The paths listed now: the hierarchy's (or every hierarchy's), narrowed by the typed text. */
    List<String> paths() {
        TreeSet<String> p = new TreeSet<>(TREE_ORDER);
        for (int i = 0; i < trees.size(); i++)
            if (all() || i == hierarchy) p.addAll(trees.get(i).cgroups().keySet());
        String f = filter.toString();
        return p.stream().filter(x -> x.contains(f)).toList();
    }

    private List<Actions.CgroupTarget> targets(String path) {
        List<Actions.CgroupTarget> out = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            CgroupTree t = trees.get(i);
            if ((all() || i == hierarchy) && t.cgroups().containsKey(path))
                out.add(new Actions.CgroupTarget(
                        t.hierarchy().label(),
                        t.hierarchy().mountPoint(),
                        t.hierarchy().version(),
                        path));
        }
        return out;
    }

    @Override
    public Result key(KeyStroke k) {
        List<String> p = paths();
        switch (k.getKeyType()) {
            case Escape -> {
                return Result.done("nothing changed", false);
            }
            case ArrowUp -> at = Math.max(0, at - 1);
            case ArrowDown -> at = Math.min(Math.max(0, p.size() - 1), at + 1);
            case PageUp -> at = Math.max(0, at - lastRows);
            case PageDown -> at = Math.min(Math.max(0, p.size() - 1), at + lastRows);
            case ArrowLeft -> {
                hierarchy = (hierarchy + trees.size()) % (trees.size() + 1);
                at = 0;
            }
            case ArrowRight, Tab -> {
                hierarchy = (hierarchy + 1) % (trees.size() + 1);
                at = 0;
            }
            case Backspace -> {
                if (filter.length() > 0) filter.setLength(filter.length() - 1);
                at = 0;
            }
            case Enter -> {
                return p.isEmpty() ? null : pick.apply(targets(p.get(Math.min(at, p.size() - 1))));
            }
            case Character -> {
                if (!Character.isISOControl(k.getCharacter()) && !k.isCtrlDown() && filter.length() < 100) {
                    filter.append(k.getCharacter());
                    at = 0;
                }
            }
            default -> {}
        }
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        int width = Math.min(w - 4, 76), height = h - 4;
        int[] o = Overlay.box(g, w, h, width, height, title);
        int x = o[0] + 2, y = o[1] + 1 + o[2]; // under a title of two lines, all moves down one
        String which = all()
                ? "all hierarchies (the path in each that has it)"
                : trees.get(hierarchy).hierarchy().label() + " at "
                        + trees.get(hierarchy).hierarchy().mountPoint();
        g.putString(
                x,
                y,
                Fit.cut(
                        "< " + Escape.terminal(which) + " >   find: " + Escape.terminal(filter.toString()) + "_",
                        width - 3));
        List<String> p = paths();
        lastRows = Math.max(1, height - 5 - o[2]);
        at = Math.min(at, Math.max(0, p.size() - 1));
        int first = Math.max(0, Math.min(at - lastRows / 2, p.size() - lastRows));
        for (int i = 0; i < lastRows && first + i < p.size(); i++) {
            String path = p.get(first + i);
            String line = path.equals("/")
                    ? "/"
                    : "  ".repeat((int) path.chars().filter(c -> c == '/').count() - 1)
                            + path.substring(path.lastIndexOf('/') + 1);
            if (!filter.isEmpty()) line = path;
            if (first + i == at) g.enableModifiers(SGR.REVERSE);
            g.putString(x, y + 1 + i, Fit.cut(Escape.terminal(line), width - 3));
            if (first + i == at) g.disableModifiers(SGR.REVERSE);
        }
        if (p.isEmpty()) g.putString(x, y + 1, "no cgroup path holds that text");
        g.putString(
                x,
                o[1] + height - 2,
                Fit.cut("Enter: pick   Left/Right: hierarchy   type: find   Esc: cancel", width - 3));
    }
}
