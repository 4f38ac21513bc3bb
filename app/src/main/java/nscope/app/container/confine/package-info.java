/**
 * How a container is confined (Docker's defaults: capabilities, no_new_privs, the seccomp profile,
 * masked and read-only paths) and the glue to nscope-init, the static helper that applies it. Uses native only.
 */
package nscope.app.container.confine;
