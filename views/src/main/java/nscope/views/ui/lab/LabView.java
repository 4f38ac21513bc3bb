package nscope.views.ui.lab;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nscope.views.lab.LabDriver;
import nscope.views.lab.LabDriver.Done;
import nscope.views.lab.LabDriver.Plan;
import nscope.views.lab.LabText;
import nscope.views.text.Escape;
import nscope.views.text.Fit;

/**
 * An open lab as the screen holds it: starting, then its steps run one at a time (on the lab's thread:
 * the futures are polled by the key thread, which alone touches this), the explanation shown (the last
 * step's, or an earlier one after b), then leaving (everything the lab made removed). It draws the lab
 * pane: the step's title, the row selected, the explanation scrolled, the keys.
 */
public final class LabView {
    /** What a poll found: the lab started, could not, a step ran, or the lab ended (with its words). */
    public record Event(Kind kind, String words, Done done) {
        public enum Kind {
            OPENED,
            FAILED,
            STEP,
            CLOSED
        }
    }

    private final String name;
    private CompletableFuture<LabDriver.Session> opening;
    private LabDriver.Session session;
    private final List<Done> done = new ArrayList<>();
    private CompletableFuture<Done> running;
    private CompletableFuture<List<String>> closing;
    private int shown = -1, top, lastRows = 5;
    private boolean closed;

    public LabView(String name, CompletableFuture<LabDriver.Session> opening) {
        this.name = name;
        this.opening = opening;
    }

    public String name() {
        return name;
    }

    /** Whether it is leaving (or has left): its keys then only say so. */
    public boolean leaving() {
        return closing != null;
    }

    public boolean closed() {
        return closed;
    }

    /** The steps run so far. */
    public List<Done> done() {
        return List.copyOf(done);
    }

    /** Which step's explanation is shown (-1: none has run). */
    public int shown() {
        return shown;
    }

    /** What finished since the last poll, or null (the key thread, every frame). */
    public Event poll() {
        if (closing != null) {
            if (!closing.isDone() || closed) return null;
            closed = true;
            return new Event(Event.Kind.CLOSED, leftWords(result(closing)), null);
        }
        if (opening != null) {
            if (!opening.isDone()) return null;
            CompletableFuture<LabDriver.Session> o = opening;
            opening = null;
            try {
                session = o.join();
                return new Event(Event.Kind.OPENED, "lab " + name + ": Space or n runs its first step", null);
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                closed = true;
                return new Event(Event.Kind.FAILED, why(e), null);
            }
        }
        if (running != null && running.isDone()) {
            CompletableFuture<Done> r = running;
            running = null;
            try {
                Done d = r.join();
                done.add(d);
                shown = done.size() - 1;
                top = 0;
                return new Event(Event.Kind.STEP, null, d);
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                return new Event(Event.Kind.FAILED, "the step could not run: " + why(e), null);
            }
        }
        return null;
    }

    /** Space or n: forward one explanation after b; else runs the next step. Words for the status line, or null. */
    public String next() {
        if (session == null) return "the lab " + name + " is still starting";
        if (running != null) return "step " + (done.size() + 1) + " is still running";
        if (shown < done.size() - 1) {
            shown++;
            top = 0;
            return null;
        }
        if (finished()) return "that was the lab's last step: q leaves it (and removes everything it made)";
        running = session.next();
        top = 0;
        return null;
    }

    /** b: the previous step's explanation again; the step it shows (null: there is none before). */
    public Done back() {
        if (shown <= 0) return null;
        shown--;
        top = 0;
        return done.get(shown);
    }

    /** q or Esc: leaves the lab (after the step that runs, if one does): everything it made is removed. */
    public void leave() {
        if (closing != null) return;
        if (session == null && opening == null) closing = CompletableFuture.completedFuture(List.of());
        else if (session != null) closing = after(running).thenCompose(x -> session.close());
        else
            closing = opening.handle((s, e) -> s)
                    .thenCompose(s -> s == null ? CompletableFuture.completedFuture(List.<String>of()) : s.close());
        opening = null;
    }

    /** The screen quits: leaves the lab and waits for it (at most a minute); the words for the terminal. */
    public String end() {
        leave();
        try {
            List<String> left = closing.get(60, TimeUnit.SECONDS);
            closed = true;
            return leftWords(left);
        } catch (TimeoutException e) {
            return "the lab " + name + " is still being removed; nscope's exit removes the rest";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the lab " + name + " was interrupted while it was removed; nscope's exit removes the rest";
        } catch (ExecutionException e) {
            return "the lab " + name + " could not be removed: " + why(e);
        }
    }

    public void scroll(int rows) {
        top = Math.max(0, top + rows);
    }

    /** The rows a page key scrolls. */
    public int page() {
        return Math.max(1, lastRows - 1);
    }

    private boolean finished() {
        return session != null
                && (done.size() == session.steps().size()
                        || !done.isEmpty() && done.get(done.size() - 1).stopped());
    }

    /** The pane's title: the lab, the step shown (or the one about to run), its title. */
    String title() {
        if (session == null) return Escape.terminal("lab " + name);
        int n = session.steps().size();
        int i = running != null || shown < 0 ? Math.min(done.size(), n - 1) : shown;
        return LabText.title(name, i, n, session.steps().get(i).title())
                + (running != null ? " (running)" : shown >= 0 && i == shown ? " (done)" : "");
    }

    /** The explanation's lines, before wrapping. */
    List<LabText.Line> lines() {
        if (closing != null)
            return List.of(new LabText.Line("leaving the lab: removing everything it made...", false, 0));
        if (session == null)
            return List.of(new LabText.Line(
                    "starting the lab " + Escape.terminal(name) + " (what a killed lab left is removed first)...",
                    false,
                    0));
        List<Plan> steps = session.steps();
        int n = steps.size();
        if (shown < 0) return LabText.before(session.title(), 0, n, steps.get(0), running != null);
        Done d = done.get(shown);
        Plan next = d.index() + 1 < n ? steps.get(d.index() + 1) : null;
        return LabText.after(d, n, steps.get(d.index()), next, shown == done.size() - 1, running != null);
    }

    /**
     * The pane at row y, height rows: its title on the rule, the row selected (what the step's object is
     * now), the explanation scrolled, the keys with the lines shown.
     *
     * @param selected the selected row's first detail line, escaped
     */
    public void draw(TextGraphics g, int y, int w, int height, String selected) {
        String head = "─ " + title() + " ";
        g.putString(0, y, head.length() >= w ? Fit.cut(head, w) : head + "─".repeat(w - head.length()));
        g.putString(0, y + 1, Fit.tilde("selected: " + selected, w));
        int rows = Math.max(1, height - 3);
        lastRows = rows;
        List<String> text = LabText.rows(lines(), w);
        top = Math.min(top, Math.max(0, text.size() - rows));
        for (int i = 0; i < rows && top + i < text.size(); i++) {
            String l = text.get(top + i);
            boolean bold = l.startsWith("\0");
            if (bold) g.enableModifiers(SGR.BOLD);
            g.putString(0, y + 2 + i, Fit.cut(bold ? l.substring(1) : l, w));
            if (bold) g.disableModifiers(SGR.BOLD);
        }
        String where = text.size() > rows
                ? "lines " + (top + 1) + "-" + Math.min(text.size(), top + rows) + " of " + text.size() + " | "
                : "";
        g.enableModifiers(SGR.REVERSE);
        g.putString(
                0,
                y + height - 1,
                String.format(
                        "%-" + w + "s",
                        Fit.cut(" " + where + "Space/n: next step  b: back  PgUp/PgDn: scroll  q/Esc: leave lab", w)));
        g.disableModifiers(SGR.REVERSE);
    }

    private static CompletableFuture<Object> after(CompletableFuture<?> f) {
        return f == null ? CompletableFuture.completedFuture(null) : f.handle((x, e) -> null);
    }

    private static List<String> result(CompletableFuture<List<String>> f) {
        try {
            return f.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            return List.of("the lab's end failed: " + why(e));
        }
    }

    private String leftWords(List<String> left) {
        return left.isEmpty()
                ? "left the lab " + name + ": everything it made was removed"
                : "left the lab " + name + ", but it could not remove: " + String.join("; ", left);
    }

    private static String why(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null)
            c = c.getCause();
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
