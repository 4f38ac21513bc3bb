package nscope.app;

import java.io.IOException;
import java.nio.file.Files;
import nscope.act.ActionException;

/** Looking a container up by name for the commands that take one. */
final class Containers {
    private Containers() {}

    static ContainerState load(String name) {
        try {
            ContainerCreate.checkName(name);
        } catch (ActionException e) {
            throw new UserError(e.getMessage());
        }
        if (!Files.isDirectory(ContainerState.dir(name)))
            throw new UserError("no container named " + name + " (nscope ps lists them)");
        try {
            return ContainerState.load(name);
        } catch (IOException e) {
            throw new UserError("the state of " + name + " cannot be read: " + e.getMessage());
        }
    }
}
