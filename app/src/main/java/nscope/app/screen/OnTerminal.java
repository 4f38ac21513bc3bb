package nscope.app.screen;

/** Whether nscope runs on a terminal (both stdin and stdout), where the live screen can open. */
public final class OnTerminal {
    private OnTerminal() {}

    public static boolean interactive() {
        java.io.Console c = System.console();
        if (c == null) return false;
        // from Java 22, System.console() answers even when redirected: ask it (Console.isTerminal, by reflection on 17)
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console exists only on a terminal
        }
    }
}
