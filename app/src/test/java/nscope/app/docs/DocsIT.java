package nscope.app.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/** `mvn package` wrote the man page and the completion beside the jar, from this build's model. */
class DocsIT {
    private static final Path TARGET = Repo.root().resolve("app/target");

    @Test
    void packageWroteBothFromThisModel() throws Exception {
        assertEquals(
                Docs.manPage(Repo.root().resolve("app/src/main/man")), Files.readString(TARGET.resolve("nscope.1")));
        assertEquals(Docs.completion(), Files.readString(TARGET.resolve("nscope.bash-completion")));
    }
}
