package nscope.views.text;

/** Text cut to the room a screen has for it. */
public final class Fit {
    private Fit() {}

    /** At most width characters of s (nothing for no room). */
    public static String cut(String s, int width) {
        if (width <= 0) return "";
        return s.length() <= width ? s : s.substring(0, width);
    }
}
