/**
 * The recording journal (issue 19): a host's snapshots over time, a
 * keyframe (a whole snapshot) then deltas (what changed), each entry framed
 * and gzipped on its own so that a file cut short reads up to its last whole
 * entry. The format is described in README.md ("Recordings").
 */
package nscope.app.journal;
