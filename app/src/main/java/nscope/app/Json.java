package nscope.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;

/** JSON output: pretty, two-space indent, not closing the caller's stream. */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {}

    static JsonGenerator generator(Writer w) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(w);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        g.setPrettyPrinter(pp);
        return g;
    }
}
