package nscope.probes.model;

/**
 * How a namespace relates to others, as the kernel's nsfs ioctls tell.
 *
 * @param parent   the parent pid or user namespace; null when there is none
 *                 or the kernel hides it (it lies outside our view)
 * @param owner    the user namespace that owns it; null when hidden (the
 *                 initial user namespace has no owner)
 * @param ownerUid for a user namespace, the UID of its creator; null for the other types
 */
public record NsRelations(NsId parent, NsId owner, Long ownerUid) {}
