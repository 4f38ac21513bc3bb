package nscope.probes.read;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nscope.probes.model.Scope;
import nscope.probes.model.Task;
import nscope.probes.source.Host;
import org.junit.jupiter.api.Test;

/**
 * What a process's threads hold alike is one object (the live screen keeps 12,000 tasks): equal links, ids and
 * command names are the same instance across a group, and equal links across groups too.
 */
class TaskReaderSharingTest {
    @Test
    void equalPartsOfTasksAreOneObject() throws Exception {
        java.nio.file.Path repo = java.nio.file.Path.of("").toAbsolutePath();
        while (!java.nio.file.Files.isDirectory(repo.resolve("fixtures/synth-host"))) repo = repo.getParent();
        Host host = Host.under(repo.resolve("fixtures/synth-host"));
        TaskReader reader = new TaskReader(host, Scope.TASKS);
        int groups = 0;
        Map<Object, Object> firstLinks = new java.util.HashMap<>();
        for (var p : host.files().list(host.roots().proc())) {
            int tgid = nscope.probes.parse.PidName.parse(p);
            if (tgid <= 0) continue;
            List<Task> tasks = reader.readGroup(tgid).tasks();
            for (Task t : tasks) {
                Object was = firstLinks.putIfAbsent(t.namespaces(), t.namespaces());
                if (was != null) assertSame(was, t.namespaces(), "equal links, one object: task " + t.tid());
                for (Task u : tasks) {
                    if (t.uids().equals(u.uids())) assertSame(t.uids(), u.uids());
                    if (t.nsSid().equals(u.nsSid())) assertSame(t.nsSid(), u.nsSid());
                }
            }
            if (tasks.size() > 1) groups++;
        }
        assertTrue(groups > 0, "the fixture has processes of several threads");
        assertTrue(firstLinks.size() < 200, "a few sets of links for the whole host: " + firstLinks.size());
    }
}
