package nscope.probes.parse;

import java.util.ArrayList;
import java.util.List;

/** /proc/PID/cmdline: NUL-separated argv, usually with a trailing NUL. */
public final class Cmdline {
    private Cmdline() {}

    public static List<String> parse(byte[] b) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                out.add(HostText.decode(b, start, i));
                start = i + 1;
            }
        }
        // a process that rewrote its argv may leave no final NUL
        if (start < b.length) out.add(HostText.decode(b, start, b.length));
        return List.copyOf(out);
    }
}
