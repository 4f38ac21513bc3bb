package nscope.views.columns;

import java.util.List;
import java.util.function.Function;

/**
 * One column of rows of kind R, declared once and used by every output that
 * shows it: a screen's table, a text table (`nscope ls`, `nscope cgroups`,
 * `nscope mounts`) and a JSON writer, as util-linux's lsns declares its
 * columns in one table.
 *
 * @param name  the header
 * @param width the width on a screen (0: the screen's last column, which takes
 *              the rest and holds the tree); a text table fits its widest cell
 * @param align how text aligns in the column
 * @param json  the field name in JSON, or null when no JSON output has this
 *              column (its JSON, if any, says more in fields of its own)
 * @param type  how the JSON field is written (null with json null)
 * @param help  what the column means, in one line
 * @param cell  the row's value: text, a number (a String of digits for an
 *              unsigned 64-bit number), or null for none
 */
public record Column<R>(
        String name, int width, Align align, String json, JsonType type, String help, Function<? super R, ?> cell) {
    public enum Align {
        LEFT,
        RIGHT
    }

    /** A JSON field's type: a number is written bare, text quoted; null is null either way. */
    public enum JsonType {
        STRING,
        NUMBER
    }

    /** A column for a table filled by hand (no cell, no JSON): a header and an alignment. */
    public static <R> Column<R> heading(String name, Align align) {
        return new Column<>(name, 0, align, null, null, "", r -> {
            throw new UnsupportedOperationException("the column " + name + " has no cell function");
        });
    }

    public boolean right() {
        return align == Align.RIGHT;
    }

    /** The row's value (null for none). */
    public Object value(R row) {
        return cell.apply(row);
    }

    /** The row's value as text; none where it has no value (lsns prints "-", a screen leaves the cell blank). */
    public String text(R row, String none) {
        Object v = value(row);
        return v == null ? none : v.toString();
    }

    /** The same column under another header (an older screen's header for the same figure). */
    public Column<R> headed(String header) {
        return new Column<>(header, width, align, json, type, help, cell);
    }

    /** The same column aligned otherwise (a text table draws its tree in a column aligned left). */
    public Column<R> aligned(Align a) {
        return new Column<>(name, width, a, json, type, help, cell);
    }

    /** A row's cells, in column order, as text (none where there is no value). */
    public static <R> List<String> texts(List<Column<R>> columns, R row, String none) {
        return columns.stream().map(c -> c.text(row, none)).toList();
    }
}
