package nscope.views.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import java.util.function.Function;
import nscope.probes.model.Snapshot;
import nscope.views.actions.Actions;
import nscope.views.text.Escape;
import nscope.views.ui.dialog.Dialog;

/**
 * What the keys do to the host and the boxes they open: the actions wired
 * in (read-only when none), the dialog open over the screen, the session an
 * action asked for (the loop runs it with the screen put aside), the
 * sessions put aside with Ctrl-], and whether the host just changed (the
 * loop refreshes at once).
 */
final class Acting {
    private final StatusLine status;
    private final Rows rows;
    private final SessionsAside aside = new SessionsAside();
    private Actions actions = Actions.readOnly("no action is wired in here");
    private Dialog dialog;
    private Actions.Session session;
    private volatile boolean refreshNow;

    Acting(StatusLine status, Rows rows) {
        this.status = status;
        this.rows = rows;
    }

    void actions(Actions a) {
        actions = a;
    }

    Actions actions() {
        return actions;
    }

    /** Why nothing may be changed from here, or null. */
    String refusal() {
        return actions.refusal();
    }

    /** The dialog open, or null. */
    Dialog dialog() {
        return dialog;
    }

    void ask(Dialog d) {
        dialog = d;
    }

    /** A key while a dialog is open. */
    void key(KeyStroke k) {
        Dialog.Result r = dialog.key(k);
        if (r != null) apply(r);
    }

    /** An action on the last refresh: what it ends in is applied (nothing before the first refresh). */
    void act(Function<Snapshot, Dialog.Result> action) {
        if (rows.last() != null) apply(action.apply(rows.last().snapshot()));
    }

    /** What a dialog or an action key ended in: another dialog, a session to run, or words. */
    void apply(Dialog.Result r) {
        dialog = null;
        if (r.words() != null) status.say(Escape.terminal(r.words()));
        if (r.changed()) refreshNow = true;
        if (r.next() != null) ask(r.next());
        if (r.session() != null) {
            if (r.session().refusal() != null)
                status.say(Escape.terminal(r.session().refusal()));
            else session = r.session();
        }
    }

    void draw(TextGraphics g, int w, int h) {
        if (dialog != null) dialog.draw(g, w, h);
    }

    /** Whether an action just changed the host (and forgets it was asked). */
    boolean refreshNow() {
        boolean r = refreshNow;
        refreshNow = false;
        return r;
    }

    /** A session an action key asked for (taken once). */
    Actions.Session takeSession() {
        Actions.Session s = session;
        session = null;
        return s;
    }

    /** After a session: what it said, and a refresh at once; one put aside with Ctrl-] is kept for r. */
    void sessionEnded(Actions.Session s, String words) {
        status.say(Escape.terminal(words));
        refreshNow = true;
        aside.keep(s);
    }

    /** r: back to the session put aside last. */
    void resume() {
        session = aside.last();
        if (session == null) status.say("no session was put aside (Ctrl-] in a shell started here puts it aside)");
    }

    /** Sessions put aside that have ended meanwhile: said on the status line; true if one had. */
    boolean pollAside() {
        String ended = aside.ended();
        if (ended == null) return false;
        status.say(Escape.terminal(ended));
        refreshNow = true;
        return true;
    }

    void endAside() {
        aside.endAll();
    }
}
