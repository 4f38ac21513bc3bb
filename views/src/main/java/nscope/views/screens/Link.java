package nscope.views.screens;

import nscope.views.tree.RowKey;

/** A cross-link in the detail pane: what it says, and the row it leads to (on the screen that shows such rows). */
public record Link(String label, RowKey to) {}
