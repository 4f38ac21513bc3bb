/**
 * The operations that change the host, below any user interface: signals bound to a start time,
 * cgroup writes walked without links, entering and unsharing through util-linux in a child (the plans and
 * launches), and the checks every action makes first (names, unfit targets). Uses {@link nscope.kernel}.
 * The containers' C helper, nscope-init, is in native/src/main/c.
 */
package nscope.act;
