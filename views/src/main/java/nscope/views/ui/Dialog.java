package nscope.views.ui;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/** A box that takes the keys until it closes: a confirmation, a form, a cgroup picker. */
interface Dialog {
    /**
     * How a dialog closed: words for the status line, whether the host was
     * changed (refresh at once), a dialog to open next (a form's
     * confirmation), a session to run on the terminal.
     */
    record Result(String words, boolean changed, Dialog next, Actions.Session session) {
        static Result done(String words, boolean changed) { return new Result(words, changed, null, null); }

        static Result then(Dialog next) { return new Result("", false, next, null); }

        static Result run(Actions.Session s) { return new Result("", false, null, s); }
    }

    /** A key while open: null while it stays open. */
    Result key(KeyStroke k);

    void draw(TextGraphics g, int w, int h);
}
