/**
 * Recordings over time: the recorder that journals the live host at an interval with the live
 * screen's refresher, and the changes between two moments (of a recording or two captures) as text
 * and JSON. The commands are in app.cli (record and diff in .read, replay at the top; --replay FILE
 * --at TIME in .common's root options). Uses app.journal and the probes; nothing of the command line.
 */
package nscope.app.record;
