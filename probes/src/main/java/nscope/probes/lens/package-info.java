/**
 * The PID/TGID lens: one task read on demand, as the kernel holds it ({@link nscope.probes.lens.TaskLens},
 * read by {@link nscope.probes.lens.LensReader}): its struct pid at every pid namespace level with each
 * namespace's PID 1 and ns_last_pid (read live by a short-lived child placed in the namespace,
 * {@code LastPids}), its thread group, its own cgroup file, its parent, reaper and children, its
 * *_for_children namespaces, its user namespaces with their maps, and its capabilities. The processes it
 * needs besides the task are found from its ancestors first ({@code Census}). Reads through a host's
 * files and roots only; what cannot be read is a readout with the reason.
 *
 * <p>May use: read, source, model, cgroups, parse, readout, nscope.kernel.
 */
package nscope.probes.lens;
