/**
 * The cgroup phase's parts: the mounted hierarchies
 * ({@link nscope.probes.read.cgroup.Hierarchies}), the walk of each as a tree
 * ({@link nscope.probes.read.cgroup.CgroupWalk}), who is in each cgroup
 * ({@link nscope.probes.read.cgroup.CgroupMembers}), and each cgroup
 * namespace's roots ({@link nscope.probes.read.cgroup.CgroupNsRoots}, kept
 * between scans in a {@link nscope.probes.read.cgroup.CgroupRootsCache}).
 * {@link nscope.probes.phase.CgroupsPhase} puts them together.
 *
 * <p>May use: read, source, model, cgroups, mounts, parse, readout, nscope.kernel.
 */
package nscope.probes.read.cgroup;
