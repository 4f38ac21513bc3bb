package nscope.app.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment of a process nscope starts inside namespaces: clean by
 * default (TERM, HOME, PATH, LANG), so nothing of the operator's session
 * (tokens, agent sockets, the host's paths) leaks into a container; names
 * given with --keep-env are passed on from nscope's own.
 */
public final class ChildEnv {
    private ChildEnv() {}

    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Map<String, String> of(Map<String, String> ours, List<String> keep, String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TERM", ours.getOrDefault("TERM", "xterm"));
        env.put("HOME", home);
        env.put("PATH", PATH);
        if (ours.containsKey("LANG")) env.put("LANG", ours.get("LANG"));
        for (String k : keep) if (ours.containsKey(k)) env.put(k, ours.get(k));
        return env;
    }

    /**
     * --keep-env takes variable names only: NAME=VALUE, globs or empty
     * names are refused (a value typed there would be a way to pass what
     * the clean environment keeps out, and a typo would pass nothing).
     */
    public static void checkNames(List<String> keep) throws nscope.act.ActionException {
        for (String k : keep)
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]{0,127}"))
                throw new nscope.act.ActionException(
                        "--keep-env takes variable names (letters, digits and '_', not starting with a digit)"
                                + (k.contains("=") ? ", not NAME=VALUE" : "") + ": not " + nscope.act.Names.shown(k));
    }

    /** HOME for a user given as "UID" or "UID:GID" ("" or 0: root). */
    public static String home(String user) {
        return user == null || user.isEmpty() || user.equals("0") || user.startsWith("0:") ? "/root" : "/";
    }
}
