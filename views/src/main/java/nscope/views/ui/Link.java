package nscope.views.ui;

/** A cross-link in the detail pane: what it says, and the row it leads to on which screen. */
public record Link(String label, Tab tab, String id) {}
