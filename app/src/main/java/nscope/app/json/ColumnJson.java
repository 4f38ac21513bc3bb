package nscope.app.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import nscope.views.columns.Column;

/**
 * Columns as JSON fields: each column's JSON name, and the row's value as
 * the column's JSON type says (null as null). The text tables show the same
 * columns, so a column is added in one place for both.
 */
public final class ColumnJson {
    private ColumnJson() {}

    /** The row's fields, in column order. */
    public static <R> void fields(JsonGenerator g, List<Column<R>> columns, R row) throws IOException {
        for (Column<R> c : columns) field(g, c, row);
    }

    public static <R> void field(JsonGenerator g, Column<R> c, R row) throws IOException {
        if (c.json() == null) throw new IllegalArgumentException("the column " + c.name() + " is in no JSON output");
        g.writeFieldName(c.json());
        Object v = c.value(row);
        if (v == null) g.writeNull();
        else if (c.type() == Column.JsonType.STRING) g.writeString(v.toString());
        else if (v instanceof Integer || v instanceof Long) g.writeNumber(((Number) v).longValue());
        else if (v instanceof Number n) g.writeNumber(n.doubleValue());
        else g.writeNumber(v.toString()); // an unsigned 64-bit number, as its digits
    }
}
