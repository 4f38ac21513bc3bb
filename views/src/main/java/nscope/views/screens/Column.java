package nscope.views.screens;

/**
 * A column of a tree screen: its header, its width (0 for the last column,
 * which takes the rest), whether it aligns right, and what its help says.
 */
public record Column(String name, int width, boolean right, String help) {}
