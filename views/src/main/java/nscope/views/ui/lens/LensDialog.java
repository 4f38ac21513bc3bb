package nscope.views.ui.lens;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import nscope.probes.lens.TaskLens;
import nscope.probes.readout.Readout;
import nscope.views.lens.LensText;
import nscope.views.lens.Line;
import nscope.views.text.Fit;

/**
 * The lens on one task, over the whole screen: read off the key thread (the ns_last_pid readers are
 * short-lived processes), then scrolled with the arrows and pages; r reads it again, Esc or q closes it.
 * The task is bound to the start time its row showed: a TID now used by another task says so.
 */
public final class LensDialog implements nscope.views.ui.dialog.Dialog {
    /** What the key thread draws: still reading, the lens, or why there is none. */
    private record Shown(TaskLens lens, String words) {}

    private final int tid;
    private final long startTime;
    private final Lenses reader;
    private final Executor executor;
    private final ZoneId zone;
    private volatile Shown shown;
    private volatile boolean ready;
    private int top, lastRows = 20;

    LensDialog(int tid, long startTime, Lenses reader, Executor executor, ZoneId zone) {
        this.tid = tid;
        this.startTime = startTime;
        this.reader = reader;
        this.executor = executor;
        this.zone = zone;
        read();
    }

    private void read() {
        shown = null;
        executor.execute(() -> {
            Shown s;
            try {
                s = shown(reader.read(tid));
            } catch (RuntimeException e) {
                s = new Shown(null, "the lens could not be read: " + e);
            }
            shown = s;
            ready = true;
        });
    }

    private Shown shown(Readout<TaskLens> r) {
        if (!r.known())
            return new Shown(null, "no lens on " + tid + ": " + r.why().detail());
        TaskLens l = r.get();
        if (l.subject().startTime() != startTime)
            return new Shown(
                    null,
                    "TID " + tid + " now names another task (started at tick "
                            + Long.toUnsignedString(l.subject().startTime()) + "; the row's started at tick "
                            + Long.toUnsignedString(startTime) + "): the task selected has exited");
        return new Shown(l, null);
    }

    /** Whether a read finished since last asked (the loop then draws again). */
    boolean takeReady() {
        boolean r = ready;
        ready = false;
        return r;
    }

    @Override
    public Result key(KeyStroke k) {
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (k.getKeyType() == KeyType.Escape || c != null && c == 'q') return Result.done(null, false);
        if (c != null && c == 'r') {
            read();
            return null;
        }
        int page = Math.max(1, lastRows - 1);
        switch (k.getKeyType()) {
            case ArrowDown -> top++;
            case ArrowUp -> top--;
            case PageDown -> top += page;
            case PageUp -> top -= page;
            case Home -> top = 0;
            case End -> top = Integer.MAX_VALUE / 2;
            case Character -> {
                if (c == 'j' || c == ' ') top += c == ' ' ? page : 1;
                else if (c == 'k') top--;
                else if (c == 'g') top = 0;
                else if (c == 'G') top = Integer.MAX_VALUE / 2;
            }
            default -> {}
        }
        top = Math.max(0, top);
        return null;
    }

    @Override
    public void draw(TextGraphics g, int w, int h) {
        for (int y = 0; y < h; y++) g.putString(0, y, " ".repeat(w));
        Shown s = shown;
        String title = s == null || s.lens() == null ? "task " + tid : LensText.title(s.lens());
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, Fit.cut("PID/TGID lens: " + title, w));
        g.disableModifiers(SGR.BOLD);
        int rows = Math.max(1, h - 3);
        lastRows = rows;
        List<Line> lines = lines(s);
        List<String> text = new ArrayList<>();
        List<Boolean> bold = new ArrayList<>();
        for (Line l : lines)
            for (String x : l.wrap(w - 1)) {
                text.add(x);
                bold.add(l.kind() == Line.Kind.HEADING);
            }
        top = Math.min(top, Math.max(0, text.size() - rows));
        for (int i = 0; i < rows && top + i < text.size(); i++) {
            if (bold.get(top + i)) g.enableModifiers(SGR.BOLD);
            g.putString(0, 2 + i, Fit.cut(text.get(top + i), w));
            if (bold.get(top + i)) g.disableModifiers(SGR.BOLD);
        }
        String where = text.size() > rows
                ? "lines " + (top + 1) + "-" + Math.min(text.size(), top + rows) + " of " + text.size() + "   "
                : "";
        g.enableModifiers(SGR.REVERSE);
        g.putString(
                0,
                h - 1,
                Fit.cut(
                        String.format(
                                "%-" + w + "s",
                                " " + where + "Up/Down PgUp/PgDn: scroll   r: read again   Esc, q: close"),
                        w));
        g.disableModifiers(SGR.REVERSE);
    }

    private List<Line> lines(Shown s) {
        if (s == null)
            return List.of(new Line(
                    Line.Kind.ROW,
                    "reading task " + tid + " now (live, each pid namespace's ns_last_pid is read by a short-lived"
                            + " child placed in it)...",
                    0));
        if (s.lens() == null) return List.of(new Line(Line.Kind.ROW, s.words(), 0));
        return LensText.escaped(s.lens(), zone);
    }
}
