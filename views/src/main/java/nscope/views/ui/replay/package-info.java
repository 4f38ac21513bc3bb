/**
 * The replay screen's timeline (nscope replay): the header's line with the recording's start, end and
 * where the screen is, and the keys that move along it ({@code < > { } :}); each move is shown as a
 * refresh from the moment shown before, so the change marks say what changed between the two. The app
 * gives the recording as a {@link nscope.views.ui.replay.Timeline}.
 */
package nscope.views.ui.replay;
