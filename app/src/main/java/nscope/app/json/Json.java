package nscope.app.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON output: pretty, two-space indent, not closing the caller's stream.
 * Host text (process names, argv) can hold terminal controls; JSON escapes
 * C0 already, and here DEL, the C1 controls and the bidi overrides are
 * escaped as well, so JSON printed to a terminal cannot drive it. The
 * strings mean the same to any JSON reader.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    public static JsonGenerator generator(Writer w) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(TerminalSafe.INSTANCE);
        DefaultPrettyPrinter pp =
                new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        g.setPrettyPrinter(pp);
        return g;
    }

    /** The same, without line breaks: one JSON value per line (JSON lines). */
    public static JsonGenerator line(Writer w) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(TerminalSafe.INSTANCE);
        return g;
    }

    private static final class TerminalSafe extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        static final TerminalSafe INSTANCE = new TerminalSafe();
        private final int[] ascii = standardAsciiEscapesForJSON();

        private TerminalSafe() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean c1 = ch >= 0x80 && ch < 0xa0;
            boolean bidi = (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2066 && ch <= 0x2069);
            return c1 || bidi ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
