package nscope.app.lab;

import java.util.List;
import java.util.Optional;
import nscope.app.lab.labs.PidFork;
import nscope.app.lab.labs.SetnsPid;
import nscope.app.lab.labs.Threads;
import nscope.app.lab.labs.Userns;

/** Every lab, in the order a course would take them. */
public final class Labs {
    private Labs() {}

    public static final List<Lab> ALL = List.of(PidFork.LAB, Threads.LAB, Userns.LAB, SetnsPid.LAB);

    public static Optional<Lab> named(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
