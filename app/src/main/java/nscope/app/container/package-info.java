/**
 * The container engine: creation as a list of steps each with its undo ({@link nscope.app.container.CreationStep}),
 * the checked plan, the state written before each object, the lock, cgroups, network, removal, entering a
 * container as docker exec does, id ranges for user namespaces, and the socket to nscope-init's monitor.
 * Uses image, confine, exec and audit.
 */
package nscope.app.container;
