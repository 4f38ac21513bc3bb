package nscope.app.lab.labs;

import java.util.List;
import java.util.Optional;
import nscope.app.lab.Lab;

/** Every lab, in the order a course would take them. */
public final class Labs {
    private Labs() {}

    public static final List<Lab> ALL = List.of(
            PidFork.LAB,
            PidInit.LAB,
            PidNested.LAB,
            Threads.LAB,
            Uts.LAB,
            Mount.LAB,
            Net.LAB,
            Oom.LAB,
            Overlay.LAB,
            Userns.LAB,
            SetnsPid.LAB,
            Container.LAB);

    public static Optional<Lab> named(String name) {
        return ALL.stream().filter(l -> l.name().equals(name)).findFirst();
    }
}
