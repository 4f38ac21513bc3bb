/**
 * What each action key opens for the selected row's {@code Target}:
 * {@link nscope.views.ui.action.ActionKeys} (the forms, pickers and
 * confirmations of e, E, u, m, a, L, c, x, K, z, d, each ending in a
 * dialog result), the processes a signal goes to and what its confirmation
 * names ({@code ActionTargets}, {@code SignalTargets}), and the early check
 * of a typed name ({@code NameCheck}). Which key runs which is the key
 * table's business ({@code nscope.views.ui.Keys}).
 *
 * <p>May use: the probes model, {@code nscope.views.actions} (the host
 * operations), {@code nscope.views.screens} (the targets),
 * {@code nscope.views.ui.dialog}, {@code nscope.views.text}.
 */
package nscope.views.ui.action;
