package nscope.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import nscope.probes.Collector;
import nscope.probes.model.NsKind;
import nscope.probes.model.Snapshot;
import nscope.probes.query.NsListing;
import nscope.probes.source.Host;
import nscope.views.columns.Column;
import nscope.views.columns.NamespaceColumns;
import nscope.views.columns.NamespaceColumns.NsRow;
import nscope.views.text.TextTable;
import org.junit.jupiter.api.Test;

/** One column definition drives the text table and the JSON alike: the same columns, in the same order, with the same values. */
class ColumnJsonTest {
    record Row(String name, Integer count, long big) {}

    static final List<Column<Row>> COLUMNS = List.of(
            new Column<>("NAME", 8, Column.Align.LEFT, "name", Column.JsonType.STRING, "a name", Row::name),
            new Column<>(
                    "COUNT", 5, Column.Align.RIGHT, "count", Column.JsonType.NUMBER, "a count, or none", Row::count),
            new Column<>(
                    "BIG",
                    20,
                    Column.Align.RIGHT,
                    "big",
                    Column.JsonType.NUMBER,
                    "an unsigned 64-bit number",
                    r -> Long.toUnsignedString(r.big())));

    static <R> String json(List<Column<R>> columns, List<R> rows) throws Exception {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            g.writeStartArray();
            for (R r : rows) {
                g.writeStartObject();
                ColumnJson.fields(g, columns, r);
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return w.toString();
    }

    /** Each text cell is its JSON value as text ("-" for null), each header is its column's, each field name is its column's JSON name. */
    static <R> void same(List<Column<R>> columns, List<R> rows) throws Exception {
        TextTable t = new TextTable(columns);
        for (R r : rows) t.add(Column.texts(columns, r, "-").toArray());
        List<String> lines = t.render(true).lines().toList();
        assertEquals(
                columns.stream().map(Column::name).toList(),
                List.of(lines.get(0).trim().split(" +")),
                "the headers");
        JsonNode json = new ObjectMapper().readTree(json(columns, rows));
        for (int i = 0; i < rows.size(); i++) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = json.get(i).fieldNames(); it.hasNext(); ) names.add(it.next());
            assertEquals(columns.stream().map(Column::json).toList(), names, "the JSON fields, in column order");
            for (Column<R> c : columns) {
                JsonNode v = json.get(i).get(c.json());
                assertEquals(c.text(rows.get(i), "-"), v.isNull() ? "-" : v.asText(), c.name() + " of row " + i);
                assertTrue(
                        v.isNull() || (c.type() == Column.JsonType.NUMBER ? v.isNumber() : v.isTextual()),
                        c.name() + " is a " + c.type());
            }
        }
    }

    @Test
    void aColumnIsTheSameInTextAndJson() throws Exception {
        List<Row> rows = List.of(new Row("a", 3, -1L), new Row("b", null, 7));
        same(COLUMNS, rows);
        assertEquals(
                "[{\"name\":\"a\",\"count\":3,\"big\":18446744073709551615},{\"name\":\"b\",\"count\":null,\"big\":7}]",
                json(COLUMNS, rows).replaceAll("\\s", ""),
                "null stays null; an unsigned number is written bare");
        assertEquals(
                """
                NAME COUNT                  BIG
                a        3 18446744073709551615
                b        -                    7
                """,
                new TextTable(COLUMNS)
                        .add(Column.texts(COLUMNS, rows.get(0), "-").toArray())
                        .add(Column.texts(COLUMNS, rows.get(1), "-").toArray())
                        .render(true));
    }

    @Test
    void nscopeLsColumnsAreTheSameInTextAndJsonOnTheFixture() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        Snapshot s = new Collector(Host.under(repo.resolve("fixtures/synth-host"))).collect();
        List<NsRow> rows = NsListing.rows(s, EnumSet.allOf(NsKind.class), true, null, true).stream()
                .map(r -> new NsRow(s, r))
                .toList();
        assertTrue(
                rows.stream()
                        .anyMatch(r ->
                                r.listing().pid() < 0 || r.listing().holder().isEmpty()),
                "rows with nothing in a column");
        List<Column<NsRow>> all = new ArrayList<>(NamespaceColumns.ls(true, true));
        all.addAll(NamespaceColumns.RELATIONS);
        same(all, rows);
    }
}
