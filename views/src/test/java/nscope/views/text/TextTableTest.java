package nscope.views.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import nscope.views.columns.Column;
import nscope.views.columns.Column.Align;
import org.junit.jupiter.api.Test;

class TextTableTest {
    static TextTable table() {
        return new TextTable(List.of(
                Column.heading("PID", Align.RIGHT),
                Column.heading("USER", Align.LEFT),
                Column.heading("COMMAND", Align.LEFT)));
    }

    @Test
    void numbersAlignRightTextLeft() {
        TextTable t = table().add(1, "root", "/sbin/init").add(12345, "alice", "bash -l");
        assertEquals("""
                  PID USER  COMMAND
                    1 root  /sbin/init
                12345 alice bash -l
                """, t.render(true));
    }

    @Test
    void withoutHeaderWidthsComeFromTheRows() {
        TextTable t = new TextTable(List.of(
                        Column.heading("NPROCS", Align.RIGHT),
                        Column.heading("TYPE", Align.LEFT),
                        Column.heading("NS", Align.RIGHT)))
                .add(3, "net", 4026531840L)
                .add(12, "pid", 7);
        assertEquals("""
                NPROCS TYPE         NS
                     3 net  4026531840
                    12 pid           7
                """, t.render(true));
        assertEquals("""
                 3 net 4026531840
                12 pid          7
                """, t.render(false));
    }

    @Test
    void lastLeftColumnIsNotPadded() {
        String out = table().add(1, "a", "x").add(2, "b", "longer command").render(true);
        assertEquals("PID USER COMMAND\n  1 a    x\n  2 b    longer command\n", out);
        for (String line : out.split("\n")) assertFalse(line.endsWith(" "), line);
    }

    @Test
    void emptyTable() {
        assertEquals("PID USER COMMAND\n", table().render(true));
        assertEquals("", table().render(false));
    }

    @Test
    void hostileCellIsEscapedAndWidthsFollow() {
        String out = table().add(7, "x\u001b[2Jy", "evil\ncmd\u0007\u202e")
                .add(8, "ok", "fine")
                .render(true);
        assertEquals("""
                PID USER      COMMAND
                  7 x\\x1b[2Jy evil\\ncmd\\x07\\u202e
                  8 ok        fine
                """, out);
        assertEquals(3, out.lines().count());
        assertFalse(out.contains("\u001b"));
    }

    @Test
    void nullCellPrintsAsNull() {
        assertEquals("1 null x\n", table().add(1, null, "x").render(false));
    }

    @Test
    void wrongCellCountThrows() {
        TextTable t = table();
        assertThrows(IllegalArgumentException.class, () -> t.add(1, "root"));
        assertThrows(IllegalArgumentException.class, () -> t.add(1, "root", "init", "extra"));
        assertThrows(IllegalArgumentException.class, () -> t.add());
        assertEquals("PID USER COMMAND\n", t.render(true), "a rejected row is not added");
    }
}
