package nscope.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/** The oracle's comparison: "ns type nprocs" of every namespace in `lsns -J` or `nscope ls --json`. */
public final class LsnsRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LsnsRows() {}

    /** lsns nests a pid or user namespace under its parent ("children"); nscope's list is flat. */
    public static Set<String> rows(String json) throws IOException {
        Set<String> out = new TreeSet<>();
        collect(JSON.readTree(json).get("namespaces"), out);
        return out;
    }

    private static void collect(JsonNode list, Set<String> out) {
        if (list == null) return;
        for (JsonNode n : list) {
            out.add(n.get("ns").asText() + " " + n.get("type").asText() + " "
                    + n.get("nprocs").asInt());
            collect(n.get("children"), out);
        }
    }
}
