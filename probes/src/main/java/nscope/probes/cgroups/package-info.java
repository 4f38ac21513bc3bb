/**
 * The cgroup part of the model: each hierarchy and its tree of cgroups with
 * their typed interface files, each process's /proc/PID/cgroup lines, and
 * what is worked out from them alone (headline figures, CPU % between two
 * scans). Values only.
 *
 * <p>May use: readout, ints.
 */
package nscope.probes.cgroups;
