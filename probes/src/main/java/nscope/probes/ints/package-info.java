/**
 * Maps and lists keyed by int (TIDs, TGIDs) as sorted arrays: what the model and the cgroup
 * indexes hold per task, made anew each live refresh, without an object per entry or a boxed key.
 *
 * <p>May use: nothing else in probes.
 */
package nscope.probes.ints;
