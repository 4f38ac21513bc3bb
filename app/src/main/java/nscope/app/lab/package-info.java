/**
 * Labs: the seeds' experiments as named sequences of steps that make the
 * kernel do one thing each, observe what it did, and explain why. Each
 * step's commands run from argv lists inside the lab's own cgroup; every
 * object a lab makes is written to its journal before it is made, and is
 * removed when the lab ends, however it ends (a later lab sweeps a killed
 * one's). The labs themselves are in {@code labs}, one file each, with their list (Labs): the engine knows none of them.
 */
package nscope.app.lab;
