/**
 * nscope record and the replay of recordings (issue 19): the recorder that
 * journals the live host at an interval with the live screen's refresher,
 * {@code --replay FILE --at TIME} for the read commands, and nscope diff.
 */
package nscope.app.record;
