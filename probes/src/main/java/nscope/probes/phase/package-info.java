/**
 * The scan phases, one file each, and the {@link nscope.probes.phase.Scan}
 * they build together. In the order the collector runs them:
 * <ol>
 * <li>{@link nscope.probes.phase.TasksPhase}: every thread group, task and namespace link;
 * <li>{@link nscope.probes.phase.NamespacesPhase}: the namespaces as nodes with their members;
 * <li>{@link nscope.probes.phase.FdHoldersPhase}: namespaces held by open descriptors;
 * <li>{@link nscope.probes.phase.MountTablesPhase}: each mount namespace's table;
 * <li>{@link nscope.probes.phase.MountHoldersPhase}: namespaces held by nsfs bind mounts;
 * <li>{@link nscope.probes.phase.RelationsPhase}: parents and owners;
 * <li>{@link nscope.probes.phase.CgroupsPhase}: the cgroup hierarchies and each process's place;
 * <li>{@link nscope.probes.phase.FactsPhase}: what each namespace holds;
 * <li>{@link nscope.probes.phase.MountFactsPhase}: each mount table set against the host's;
 * <li>{@link nscope.probes.phase.UserNamesPhase}: user names.
 * </ol>
 * Which of them run is the collector's table ({@link nscope.probes.Collector});
 * a phase only reads what the phases before it left in the scan and adds its
 * part. The reading itself is the readers' ({@link nscope.probes.read}).
 * A scan of cgroups alone ({@link nscope.probes.Collector#cgroupsAlone}, what
 * `nscope cgroups` prints as text) runs two: the process list alone
 * ({@link nscope.probes.phase.TasksPhase#listOnly}) and the cgroup phase
 * without the cgroup namespaces' roots.
 *
 * <p>May use: read, read.cgroup, source, model, cgroups, mounts, parse, readout, nscope.kernel.
 */
package nscope.probes.phase;
