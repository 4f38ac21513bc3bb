package nscope.probes.parse;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** uid to name from passwd(5) text; the first entry for a uid wins, as getpwuid does. */
public final class Passwd {
    private Passwd() {}

    /** Names by uid; line numbers of malformed lines go to {@code malformed}. */
    public static Map<Long, String> parse(byte[] b, List<Integer> malformed) {
        Map<Long, String> out = new HashMap<>();
        String[] lines = new String(b, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) continue;
            String[] f = line.split(":", -1);
            try {
                if (f.length < 7 || f[0].isEmpty()) throw new NumberFormatException();
                long uid = Long.parseLong(f[2]);
                if (uid < 0 || uid > 0xffffffffL) throw new NumberFormatException();
                out.putIfAbsent(uid, f[0]);
            } catch (NumberFormatException e) {
                malformed.add(i + 1);
            }
        }
        return out;
    }
}
