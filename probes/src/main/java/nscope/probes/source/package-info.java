/**
 * Where the kernel's files come from: a {@link nscope.probes.source.Host} is
 * its {@link nscope.probes.source.KernelRoots} (the one place that names
 * /proc, /sys and /etc for the live host) and its
 * {@link nscope.probes.source.HostFiles}: live ({@link nscope.probes.source.LiveFiles}),
 * by direct kernel calls ({@link nscope.probes.source.NativeFiles}, with the
 * descriptors it keeps open between scans, {@link nscope.probes.source.KeptOpen}),
 * a recorded fixture ({@link nscope.probes.source.FixtureFiles}) or a capture
 * recording as it reads ({@link nscope.probes.source.RecordingFiles}); and
 * the readers of what only the kernel's calls can tell, live and recorded:
 * namespace relations ({@link nscope.probes.source.RelationReader}) and facts
 * read inside a namespace ({@link nscope.probes.source.FactReader}). Sources
 * hand out bytes, link texts and raw answers; what they mean is the readers'
 * and phases' business.
 *
 * <p>May use: model, cgroups, parse, readout, nscope.kernel.
 */
package nscope.probes.source;
