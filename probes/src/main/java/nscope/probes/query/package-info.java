/**
 * Questions asked of a snapshot, for the commands and views: the namespace
 * listing lsns prints, the namespace tree, a cgroup namespace's paths.
 * Reads nothing from the host.
 *
 * <p>May use: model, cgroups, readout.
 */
package nscope.probes.query;
