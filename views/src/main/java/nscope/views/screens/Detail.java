package nscope.views.screens;

import java.util.List;

/**
 * What the detail pane says about the selected row, and its cross-links.
 * Host text is escaped by the pane that draws it.
 */
public record Detail(List<String> lines, List<Link> links) {
    public static final Detail NONE = new Detail(List.of(), List.of());

    /** A row whose object is not in the snapshot any more. */
    public static Detail gone(String what) {
        return new Detail(List.of(what + " is no longer there"), List.of());
    }
}
