/**
 * The immutable result of a scan: the {@link nscope.probes.model.Snapshot}
 * (tasks, namespaces with their members and holders, relations, facts,
 * cgroups, problems), its parts, and the
 * {@link nscope.probes.model.SnapshotDiff} between two. Values only: nothing
 * here reads the host.
 *
 * <p>May use: cgroups, mounts, readout, ints.
 */
package nscope.probes.model;
