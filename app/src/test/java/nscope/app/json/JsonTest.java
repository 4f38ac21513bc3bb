package nscope.app.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** JSON of hostile host text: the same string to a JSON reader, inert on a terminal. */
class JsonTest {
    @Test
    void controlsAreEscapedAndTheValueSurvives() throws Exception {
        String hostile = "a\u001b]0;owned\u0007b\u001b[31mc\u007fd\u009b2Je\u202eevil\u2066f日本é";
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.generator(w)) {
            g.writeStartObject();
            g.writeStringField("comm", hostile);
            g.writeEndObject();
        }
        String out = w.toString();
        out.chars()
                .forEach(c -> assertTrue(
                        c >= 0x20
                                        && c != 0x7f
                                        && !(c >= 0x80 && c < 0xa0)
                                        && !(c >= 0x202a && c <= 0x202e)
                                        && !(c >= 0x2066 && c <= 0x2069)
                                || c == '\n',
                        "raw control U+" + Integer.toHexString(c) + " in " + out));
        assertTrue(out.contains("日本é"), "printable Unicode stays as is: " + out);
        assertTrue(out.contains("\\u009B") && out.contains("\\u001B") && out.contains("\\u202E"), out);
        assertEquals(hostile, new ObjectMapper().readTree(out).get("comm").asText());
    }
}
