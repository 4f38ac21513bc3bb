package nscope.views.ui.dialog;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import nscope.views.actions.Actions;

/** A box that takes the keys until it closes: a confirmation, a form, a cgroup picker. */
public interface Dialog {
    /**
     * How a dialog closed: words for the status line, whether the host was
     * changed (refresh at once), a dialog to open next (a form's
     * confirmation), a session to run on the terminal.
     */
    record Result(String words, boolean changed, Dialog next, Actions.Session session) {
        public static Result done(String words, boolean changed) {
            return new Result(words, changed, null, null);
        }

        public static Result then(Dialog next) {
            return new Result("", false, next, null);
        }

        public static Result run(Actions.Session s) {
            return new Result("", false, null, s);
        }
    }

    /** A key while open: null while it stays open. */
    Result key(KeyStroke k);

    void draw(TextGraphics g, int w, int h);
}
