package nscope.views.screens;

import java.util.List;
import java.util.Optional;
import nscope.views.tree.RowKey;

/**
 * The screens, registered here once: the tab bar, the number keys (1 for
 * the first), Tab's order and the help line about them all follow
 * {@link #LIST}. A new screen is a class implementing {@link Screen} and a
 * line in the list.
 */
public final class AllScreens {
    private AllScreens() {}

    public static final Screen NAMESPACES = new NamespacesScreen();
    public static final Screen PROCESSES = new ProcessesScreen();
    public static final Screen CGROUPS = new CgroupsScreen();
    public static final Screen MOUNTS = new MountsScreen();

    /** In the order of their number keys. */
    public static final List<Screen> LIST = List.of(NAMESPACES, PROCESSES, CGROUPS, MOUNTS);

    /** The screen the live view opens on. */
    public static final Screen FIRST = PROCESSES;

    /** The screen after this one (Tab). */
    public static Screen after(Screen s) {
        return LIST.get((LIST.indexOf(s) + 1) % LIST.size());
    }

    /** The screen a row key belongs to. */
    public static Optional<Screen> showing(RowKey key) {
        return LIST.stream().filter(s -> s.shows(key)).findFirst();
    }
}
