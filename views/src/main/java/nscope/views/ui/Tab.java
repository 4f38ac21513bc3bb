package nscope.views.ui;

/** The screens, in the order of their number keys. */
public enum Tab {
    NAMESPACES("Namespaces"), PROCESSES("Processes"), CGROUPS("Cgroups"), MOUNTS("Mounts");

    private final String title;

    Tab(String title) { this.title = title; }

    public String title() { return title; }

    public Tab next() { return values()[(ordinal() + 1) % values().length]; }
}
