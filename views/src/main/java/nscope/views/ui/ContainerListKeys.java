package nscope.views.ui;

import static nscope.views.ui.Keys.LIST;
import static nscope.views.ui.Keys.MUTATES;
import static nscope.views.ui.Keys.SAFE;
import static nscope.views.ui.Keys.bind;
import static nscope.views.ui.Keys.keys;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.stream.Collectors;
import nscope.probes.model.Snapshot;
import nscope.probes.model.Task;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.screens.Target;
import nscope.views.tree.RowKey;
import nscope.views.ui.action.ActionKeys;
import nscope.views.ui.dialog.ContainerList;
import nscope.views.ui.dialog.Dialog;

/** The keys of the container list (C), part of the screen's one key table: they act on the container chosen in it. */
final class ContainerListKeys {
    private final Keys keys;
    private final Rows rows;
    private final DetailPane detail;
    private final Acting acting;
    private final Containers containers;

    ContainerListKeys(Keys keys, Rows rows, DetailPane detail, Acting acting, Containers containers) {
        this.keys = keys;
        this.rows = rows;
        this.detail = detail;
        this.acting = acting;
        this.containers = containers;
    }

    /** The container list (C): its keys act on the container chosen in it. */
    List<Binding> bindings() {
        return List.of(
                bind(
                        "Enter",
                        "show its PID 1",
                        SAFE,
                        LIST,
                        keys(KeyType.Enter),
                        k -> onContainer((s, name) -> showInit(s, name))),
                bind(
                        "e",
                        "enter it",
                        MUTATES,
                        LIST,
                        keys('e'),
                        k -> onContainer((s, name) -> {
                            Task init = containers.init(s, name);
                            return init == null
                                    ? notRunning(name)
                                    : ActionKeys.enter(new Target.OfTask(init, init), acting.actions(), false);
                        })),
                bind(
                        "x",
                        "stop or remove",
                        MUTATES,
                        LIST,
                        keys('x'),
                        k -> onContainer((s, name) -> ActionKeys.containerChange(name, acting.actions()))),
                bind(
                        "Esc",
                        "close",
                        SAFE,
                        LIST,
                        keys(KeyType.Escape),
                        k -> acting.apply(Dialog.Result.done("", false))));
    }

    /** A key of the container list that no Up/Down took: its binding's, or (another character) it closes. */
    Dialog.Result inList(KeyStroke k) {
        Key key = Key.of(k);
        if (keys.table().find(Mode.CONTAINER_LIST, key).isPresent()) keys.press(Mode.CONTAINER_LIST, key);
        else if (k.getKeyType() == KeyType.Character) return Dialog.Result.done("", false);
        return null;
    }

    String hint() {
        return keys.table().offered(Mode.CONTAINER_LIST, true).stream()
                .map(b -> b.shown() + ": " + b.help())
                .collect(Collectors.joining("   "));
    }

    /** An action on the container chosen in the open list (none chosen: the list closes). */
    private void onContainer(java.util.function.BiFunction<Snapshot, String, Dialog.Result> action) {
        String name = acting.dialog() instanceof ContainerList l ? l.chosen() : null;
        if (name == null) acting.apply(Dialog.Result.done("", false));
        else acting.act(s -> action.apply(s, name));
    }

    private static Dialog.Result notRunning(String name) {
        return Dialog.Result.done(name + " is not running (or not in the last refresh yet)", false);
    }

    /** Enter in the container list: its PID 1 on the processes screen. */
    private Dialog.Result showInit(Snapshot s, String name) {
        Task init = containers.init(s, name);
        if (init == null) return notRunning(name);
        Screen processes = AllScreens.showing(RowKey.Task.process(init)).orElseThrow();
        detail.turnTo(processes);
        rows.ensure(processes);
        rows.select(processes, RowKey.Task.process(init));
        return Dialog.Result.done("PID 1 of the container " + name, false);
    }
}
