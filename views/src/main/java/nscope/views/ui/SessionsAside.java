package nscope.views.ui;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import nscope.views.actions.Actions;

/** Shells put aside with Ctrl-] while they run: r takes the last one back; an ended one is said once. */
final class SessionsAside {
    private final List<Actions.Session> kept = new ArrayList<>();

    /** Keeps a session that was put aside (one that ended is not kept). */
    void keep(Actions.Session s) {
        if (s.detached()) kept.add(s);
    }

    /** The session put aside last, taken out; null when there is none. */
    Actions.Session last() {
        return kept.isEmpty() ? null : kept.remove(kept.size() - 1);
    }

    /** What a session put aside said when it ended meanwhile (forgotten then), or null. */
    String ended() {
        if (kept.isEmpty()) return null; // asked at every look of the UI loop: no iterator then
        String said = null;
        for (Iterator<Actions.Session> it = kept.iterator(); it.hasNext(); ) {
            String e = it.next().ended();
            if (e != null) {
                it.remove();
                said = e;
            }
        }
        return said;
    }

    void endAll() {
        kept.forEach(Actions.Session::end);
        kept.clear();
    }
}
