package nscope.act;

/**
 * Names typed by the user (a cgroup, an interface file, a hostname): never
 * empty, ".", ".." or longer than a file name may be, no "/", no control
 * character, so a name is one entry in one directory and nothing else.
 */
public final class Names {
    private Names() {}

    public static void check(String name, String what) throws ActionException {
        if (name == null || name.isEmpty()) throw new ActionException(what + " cannot be empty");
        if (name.equals(".") || name.equals(".."))
            throw new ActionException(what + " cannot be . or ..: " + shown(name));
        if (name.indexOf('/') >= 0) throw new ActionException(what + " cannot hold /: " + shown(name));
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0))
            throw new ActionException(what + " cannot hold a control character: " + shown(name));
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)
            throw new ActionException(what + " is longer than 255 bytes");
    }

    /** The name as it may be shown in a message: control characters as '?'. */
    public static String shown(String name) {
        return name == null ? "(none)" : "'" + name.replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?") + "'";
    }
}
