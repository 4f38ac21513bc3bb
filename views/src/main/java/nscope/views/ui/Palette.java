package nscope.views.ui;

import com.googlecode.lanterna.TextColor;
import java.util.Map;
import nscope.probes.model.NsKind;

/**
 * Colours, from the 8 basic ANSI ones so they read on dark and light
 * backgrounds alike (never white or black text); none at all with NO_COLOR
 * or --no-color: then the selection is reverse video and marks are words.
 */
public record Palette(boolean color) {
    private static final Map<NsKind, TextColor> BY_KIND = Map.of(
            NsKind.PID,
            TextColor.ANSI.MAGENTA,
            NsKind.USER,
            TextColor.ANSI.RED,
            NsKind.MNT,
            TextColor.ANSI.BLUE,
            NsKind.NET,
            TextColor.ANSI.CYAN,
            NsKind.UTS,
            TextColor.ANSI.GREEN,
            NsKind.IPC,
            TextColor.ANSI.YELLOW,
            NsKind.CGROUP,
            TextColor.ANSI.GREEN,
            NsKind.TIME,
            TextColor.ANSI.YELLOW);

    /** NO_COLOR (any value, https://no-color.org) or --no-color turn colour off. */
    public static Palette from(Map<String, String> env, boolean noColorFlag) {
        String nc = env.get("NO_COLOR");
        return new Palette(!noColorFlag && (nc == null || nc.isEmpty()));
    }

    public TextColor kind(NsKind k) {
        return color ? BY_KIND.getOrDefault(k, TextColor.ANSI.DEFAULT) : TextColor.ANSI.DEFAULT;
    }

    /** Marks (a divergent thread, a hidden namespace, an OOM kill). */
    public TextColor mark() {
        return color ? TextColor.ANSI.RED : TextColor.ANSI.DEFAULT;
    }

    /** Rows new since the last refresh. */
    public TextColor fresh() {
        return color ? TextColor.ANSI.GREEN : TextColor.ANSI.DEFAULT;
    }

    /** Rows under another parent than at the last refresh (a re-parented process). */
    public TextColor moved() {
        return color ? TextColor.ANSI.YELLOW : TextColor.ANSI.DEFAULT;
    }

    /** The header's labels. */
    public TextColor label() {
        return color ? TextColor.ANSI.CYAN : TextColor.ANSI.DEFAULT;
    }
}
