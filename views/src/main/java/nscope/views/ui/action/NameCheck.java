package nscope.views.ui.action;

/**
 * A name typed in a form (a cgroup's) checked before the confirmation is
 * shown, so a wrong one is said while the form is still open. The app
 * checks it again with the kernel-side rule before it makes anything: this
 * is the same rule, told early.
 */
final class NameCheck {
    private NameCheck() {}

    /** What is wrong with the name, or null when it is one entry of one directory. */
    static String problem(String name, String what) {
        if (name == null || name.isEmpty()) return what + " cannot be empty";
        if (name.equals(".") || name.equals("..")) return what + " cannot be . or ..: " + shown(name);
        if (name.indexOf('/') >= 0) return what + " cannot hold /: " + shown(name);
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0))
            return what + " cannot hold a control character: " + shown(name);
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255)
            return what + " is longer than 255 bytes";
        return null;
    }

    private static String shown(String name) {
        return "'" + name.replaceAll("[\\p{Cntrl}\\u0080-\\u009f]", "?") + "'";
    }
}
