package nscope.app.lab;

import java.util.List;

/**
 * One step of a lab.
 *
 * @param title a few words
 * @param does what it will do, in one or two sentences
 * @param plan the commands it runs, as the user would type them (the exact argv is shown once run)
 * @param why why the kernel behaves so, citing the seed that shows it
 * @param body makes the kernel do it and observes what it did
 */
public record Step(String title, String does, List<String> plan, String why, Body body) {
    @FunctionalInterface
    public interface Body {
        void run(LabRun r) throws Exception;
    }
}
