package nscope.app.lab;

import java.util.List;
import java.util.Optional;
import nscope.app.lab.labs.Container;
import nscope.app.lab.labs.Mount;
import nscope.app.lab.labs.Net;
import nscope.app.lab.labs.Oom;
import nscope.app.lab.labs.Overlay;
import nscope.app.lab.labs.PidFork;
import nscope.app.lab.labs.PidInit;
import nscope.app.lab.labs.PidNested;
import nscope.app.lab.labs.SetnsPid;
import nscope.app.lab.labs.Threads;
import nscope.app.lab.labs.Userns;
import nscope.app.lab.labs.Uts;

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
