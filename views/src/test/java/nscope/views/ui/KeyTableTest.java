package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nscope.views.actions.Actions;
import nscope.views.keys.Binding;
import nscope.views.keys.Key;
import nscope.views.keys.KeyTable;
import nscope.views.keys.Mode;
import nscope.views.screens.AllScreens;
import org.junit.jupiter.api.Test;

/** The screen's key table: what dispatch, the help and the read-only mode are all made from. */
class KeyTableTest extends SynthHostScreen {
    KeyTable table() {
        return ui.keyTable();
    }

    @Test
    void everyBindingHasHelpAModeAndItsKeysInItsHelpLine() {
        for (Binding b : table().all()) {
            assertFalse(b.shown().isBlank(), "keys shown for " + b.help());
            assertFalse(b.help().isBlank(), "help for " + b.shown());
            assertFalse(b.modes().isEmpty(), "a mode for " + b.shown());
            for (Key k : b.keys()) assertTrue(b.shown().contains(k.label()), b.shown() + " names " + k.label());
        }
    }

    @Test
    void noTwoBindingsShareAKeyInAMode() {
        for (Mode m : Mode.values()) {
            Set<Key> seen = new HashSet<>();
            for (Binding b : table().all())
                if (b.modes().contains(m)) for (Key k : b.keys()) assertTrue(seen.add(k), k.label() + " twice in " + m);
        }
        Binding a = new Binding("x", List.of(Key.of('x')), "one", false, Set.of(Mode.NORMAL), k -> {});
        Binding b = new Binding("x", List.of(Key.of('x')), "two", false, Set.of(Mode.NORMAL), k -> {});
        assertThrows(
                IllegalArgumentException.class,
                () -> new KeyTable(List.of(a, b)),
                "the table refuses a key bound twice");
        new KeyTable(
                List.of(a, new Binding("x", List.of(Key.of('x')), "two", false, Set.of(Mode.CONTAINER_LIST), k -> {})));
    }

    @Test
    void readOnlyDropsExactlyTheBindingsThatChangeTheHost() {
        for (Mode m : Mode.values()) {
            List<Binding> all = table().offered(m, true), read = table().offered(m, false);
            assertEquals(all.stream().filter(b -> !b.mutates()).toList(), read, "read-only in " + m);
        }
        assertTrue(table().all().stream()
                .filter(Binding::mutates)
                .map(Binding::shown)
                .toList()
                .containsAll(List.of("e", "E", "u", "Ctrl-]", "r", "m", "a", "L", "c", "x", "C", "K, F9", "z", "d")));
    }

    @Test
    void aKeyThatChangesTheHostSaysWhyWhenReadOnly() throws IOException {
        ui.actions(Actions.readOnly("started with --read-only"));
        for (Binding b : table().offered(Mode.NORMAL, true)) {
            if (!b.mutates()) continue;
            for (Key k : b.keys()) {
                keys(k.type() == KeyType.Character ? (Object) k.ch() : k.type());
                assertTrue(
                        text().contains(k.label()
                                + " changes the host, but this screen is read-only: started with --read-only"),
                        text());
                assertEquals(null, ui.takeSession());
            }
        }
    }

    @Test
    void theScreenKeysFollowTheRegisteredScreens() throws IOException {
        Binding screens = table().find(Mode.NORMAL, Key.of('1')).orElseThrow();
        assertEquals("1 2 3 4, Tab", screens.shown());
        assertEquals("namespaces, processes, cgroups, mounts; Tab: the next screen", screens.help());
        for (int i = 0; i < AllScreens.LIST.size(); i++) {
            keys((char) ('1' + i));
            assertEquals(AllScreens.LIST.get(i), ui.screen());
            assertTrue(
                    text().contains(" " + (i + 1) + " " + AllScreens.LIST.get(i).title() + " "), text());
        }
    }
}
