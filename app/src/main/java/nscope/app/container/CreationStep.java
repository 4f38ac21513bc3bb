package nscope.app.container;

import java.util.Arrays;
import java.util.List;
import nscope.act.ActionException;

/**
 * The steps of creating a container, in order, each with what it does and
 * what undoes it. An undo is driven by the state (every object is named
 * there before it is made): it removes what exists of what its step names,
 * so it also undoes a step that failed halfway, and says what it removed.
 */
enum CreationStep {
    STATE("state", RunSteps::reserve, RunSteps::removeDirectory),
    IMAGE("image", RunSteps::image, RunSteps::removeUnpacking),
    DIRS("dirs", RunSteps::dirs, RunSteps::removeLayer),
    CGROUPS("cgroups", s -> s.cgroupSteps().cgroups(), s -> s.cgroupSteps().remove()),
    DEVICES("devices", s -> s.cgroupSteps().devices(), CreationStep::nothing),
    LIMITS("limits", s -> s.cgroupSteps().limits(), CreationStep::nothing),
    BRIDGE("bridge", RunSteps::makeBridge, RunSteps::removeBridge),
    START("start", RunSteps::start, RunSteps::endProcesses),
    USERNS("userns", RunSteps::userns, CreationStep::nothing),
    JOIN("join", s -> s.cgroupSteps().join(), CreationStep::nothing),
    VETH("veth", RunSteps::veth, RunSteps::removeVeth),
    GO("go", RunSteps::go, CreationStep::nothing),
    SAVE("save", RunSteps::running, CreationStep::nothing);

    interface Work {
        void on(RunSteps s) throws ActionException;
    }

    interface Undo {
        String on(RunSteps s) throws ActionException;
    }

    final String label;
    final Work work;
    final Undo undo;

    CreationStep(String label, Work work, Undo undo) {
        this.label = label;
        this.work = work;
        this.undo = undo;
    }

    /** The steps' names, in order (the tests' failure and kill injections walk them). */
    static List<String> labels() {
        return Arrays.stream(values()).map(s -> s.label).toList();
    }

    private static String nothing(RunSteps s) {
        return null;
    } // its change goes with an object another step removes
}
