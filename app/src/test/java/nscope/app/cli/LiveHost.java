package nscope.app.cli;

import java.io.IOException;
import nscope.testkit.SynthHost;

/** The app's live tests' shorthand for the kit's synth-host handle and commands run from argv (nscope.testkit). */
final class LiveHost {
    private LiveHost() {}

    /** Brings a synth-host instance up (taking down one a killed run left first). */
    static void up(String name, String... args) throws IOException, InterruptedException {
        SynthHost.up(name, args);
    }

    static void down(String name) throws IOException, InterruptedException {
        SynthHost.run(nscope.testkit.Repo.synthHost().toString(), "down", "--name", name);
    }

    /** Runs a command from an argv list; its stdout, or an IOException with its stderr when it fails. */
    static String run(String... argv) throws IOException, InterruptedException {
        return SynthHost.run(argv);
    }
}
