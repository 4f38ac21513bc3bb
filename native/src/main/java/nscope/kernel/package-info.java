/**
 * The kernel interface: jnr-ffi bindings of libc (open, ioctl, setns, unshare, mount, pidfd_*, rtnetlink),
 * errno as typed errors ({@link nscope.kernel.KernelException}), namespace handles, and the throwaway-thread
 * namespace hop. Uses only jnr-ffi and the JDK.
 */
package nscope.kernel;
