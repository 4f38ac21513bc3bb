/**
 * Readers of one kernel object each, through a host's files: a thread group
 * and its tasks' links ({@link nscope.probes.read.TaskReader}), a process's
 * descriptor table ({@link nscope.probes.read.FdHolders}), a mountinfo
 * ({@link nscope.probes.read.MountReader}) and every mount namespace's table
 * ({@link nscope.probes.read.MountTables}); what a failed read means
 * ({@link nscope.probes.read.Failures}) and whether a process is still there
 * ({@link nscope.probes.read.Liveness}). The phases decide what to read;
 * readers read one thing, never throw for what the host does, and know
 * nothing of a scan.
 *
 * <p>May use: source, model, mounts, parse, readout, nscope.kernel.
 */
package nscope.probes.read;
