package nscope.app.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import nscope.testkit.Repo;
import org.junit.jupiter.api.Test;

/** README's table of the screen's keys is the key table's, word for word. */
class ReadmeTest {
    @Test
    void theKeyTableIsTheScreens() throws Exception {
        String readme = Files.readString(Repo.root().resolve("README.md"));
        String table = Docs.keyTableMarkdown(Docs.keys());
        assertTrue(readme.contains(table), "README.md's key table differs from the screen's; it should be:\n" + table);
    }
}
