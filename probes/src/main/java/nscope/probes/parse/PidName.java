package nscope.probes.parse;

/** A PID, TID or descriptor number as a directory entry names it (/proc/PID, task/TID, fd/N). */
public final class PidName {
    private PidName() {}

    /** The number a name spells in plain decimal digits; -1 for any other name (".", "self", "0x1", past 2^31 - 1). */
    public static int parse(String name) {
        if (name.isEmpty() || name.length() > 10) return -1;
        int v = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
            if (v < 0) return -1;
        }
        return v;
    }
}
