/**
 * The recording journal (issue 19): a host's snapshots over time, a
 * keyframe (a whole snapshot) then deltas (what changed), each entry framed
 * and gzipped on its own so that a file cut short reads up to its last whole
 * entry. The format is described in README.md ("Recordings"). The replay
 * screen moves along a recording with a {@link nscope.app.journal.JournalCursor}
 * (the next entry one delta on); {@link nscope.app.journal.SampleJournal} makes
 * a small one from a fixture for its screenshot and tests.
 */
package nscope.app.journal;
