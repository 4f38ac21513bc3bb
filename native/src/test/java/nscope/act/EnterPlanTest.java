package nscope.act;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import nscope.kernel.Fd;
import nscope.kernel.Kernel;
import nscope.kernel.LibC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell is looked up inside the target's root: an absolute symlink there resolves there, not on the host. */
class EnterPlanTest {
    @TempDir
    Path root;

    @Test
    void aSymlinkInTheTargetsRootIsResolvedInsideIt() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        // bash is a link to a path the host has but the target's root does not: it is not a shell there
        Files.createSymbolicLink(root.resolve("bin/bash"), Path.of("/usr/bin/env"));
        Path sh = Files.writeString(root.resolve("bin/sh"), "#!/bin/true\n");
        Files.setPosixFilePermissions(sh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("bin/zsh"), "not executable");
        Kernel k = Kernel.shared();
        try (Fd r = k.open(root.toString(), LibC.O_RDONLY | LibC.O_DIRECTORY)) {
            assertEquals("/bin/sh", EnterPlan.shell(k, r, "/bin/bash"), "the dangling link inside the root is skipped");
            assertEquals("/bin/sh", EnterPlan.shell(k, r, "/bin/zsh"), "a file without x is not a shell");
            Files.delete(sh);
            ActionException e = assertThrows(ActionException.class, () -> EnterPlan.shell(k, r, null));
            assertTrue(
                    e.getMessage().contains("no shell in the target's root (tried /bin/bash, /bin/sh)"),
                    e.getMessage());
        }
    }
}
