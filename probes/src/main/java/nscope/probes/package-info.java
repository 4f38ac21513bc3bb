/**
 * The read side's entry points: {@link nscope.probes.Collector} (one
 * snapshot: the scan phases of {@link nscope.probes.phase} run in a fixed
 * order over one scan, the table in the collector saying which run),
 * {@link nscope.probes.Refresher} (the live screen's snapshots again and
 * again, each re-reading only what can have changed, with the same phases),
 * {@link nscope.probes.Capture} (a scan recorded into a fixture), and
 * {@link nscope.probes.CgroupMounts} and {@link nscope.probes.ProcessCpu}
 * for the commands and views.
 *
 * <p>May use: phase, read, read.cgroup, source, model, cgroups, mounts, parse, readout.
 */
package nscope.probes;
