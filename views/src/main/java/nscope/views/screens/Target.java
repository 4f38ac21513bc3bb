package nscope.views.screens;

import nscope.probes.cgroups.CgroupTree;
import nscope.probes.model.Namespace;
import nscope.probes.model.Task;

/** What an action on a row is for, as the snapshot has it now. */
public sealed interface Target {
    Target NONE = new None();

    /** A row no action is for (a group, a mount, or something gone). */
    record None() implements Target {}

    /** A process or one of its threads, with its process (its thread group's leader). */
    record OfTask(Task task, Task process) implements Target {}

    /** A namespace. */
    record OfNamespace(Namespace ns) implements Target {}

    /** A cgroup: its tree, its path there, and the cgroup. */
    record OfCgroup(CgroupTree tree, String path, nscope.probes.cgroups.Cgroup cgroup) implements Target {}
}
