package nscope.views.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.input.KeyType;
import java.io.IOException;
import nscope.views.columns.Column;
import nscope.views.screens.AllScreens;
import nscope.views.screens.Screen;
import nscope.views.tree.Node;
import org.junit.jupiter.api.Test;

/** Issue 15, item 12 at 80x24: ? lists the shown screen's columns with their meanings; i explains the selected row's. */
class ColumnHelpTest extends SynthHostScreen {
    /** The whole help overlay, scrolled through, with its lines' words rejoined (a meaning wraps under itself). */
    String wholeHelp() throws IOException {
        keys('?');
        StringBuilder all = new StringBuilder(text());
        for (int i = 0; i < 120; i++) {
            keys(KeyType.ArrowDown);
            all.append(text());
        }
        keys('x');
        return all.toString();
    }

    /** The words of a text, one space apart (lines and box edges joined). */
    static String words(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void theHelpListsEachColumnOfTheScreenShownWithItsMeaning() throws IOException {
        for (Screen s : AllScreens.LIST) {
            keys((char) ('1' + AllScreens.LIST.indexOf(s)));
            text();
            String help = wholeHelp();
            assertTrue(help.contains("The columns of the " + s.title() + " screen"), help);
            for (Column<?> c : s.columns()) {
                assertFalse(c.help().isBlank(), s.title() + " " + c.name() + " has a meaning");
                assertTrue(
                        help.contains("\n" + c.name() + " ") || help.contains(" " + c.name() + " "),
                        c.name() + "\n" + help);
                String first = c.help().split(" ")[0] + " " + c.help().split(" ")[1];
                assertTrue(words(help).contains(first), s.title() + " " + c.name() + ": " + first);
            }
            assertTrue(help.contains("[new] [moved]"), "without colour, the marks as drawn: " + help);
            assertTrue(help.contains("Keys:") && help.contains("Backspace, b"), "then the keys: " + help);
        }
    }

    @Test
    void helpAtEightyColumnsWrapsMeaningsUnderThemselves() throws IOException {
        keys('3');
        text();
        keys('?');
        String t = text();
        for (String l : t.split("\n")) assertTrue(l.length() <= 80, l);
        assertTrue(t.contains("PSI-SOME10      pressure stall"), t);
        assertTrue(t.contains("Up/Down: more"), t);
    }

    @Test
    void iExplainsTheSelectedRowsColumns() throws IOException {
        Node sel = ui.state(AllScreens.PROCESSES).forest().roots().get(0);
        keys('i');
        String t = text();
        assertTrue(t.contains("/process_api on the Processes screen: its columns"), t);
        assertTrue(t.contains("TGID            " + sel.cells().get(1).strip()), t);
        assertTrue(words(t).contains(words(ProcessColumnsHelp.tgid())), "its meaning under it: " + t);
        keys('x');
        assertFalse(text().contains("screen: its columns"), "any other key closes it");
    }

    /** The TGID column's meaning's first words, as they wrap at 80 columns (the first line of it). */
    static final class ProcessColumnsHelp {
        static String tgid() {
            String h = nscope.views.columns.ProcessColumns.TGID.help();
            return h.substring(0, h.indexOf(" of "));
        }
    }
}
