/**
 * A container's image: a directory as it is, or a tar unpacked once into a closed cache, its device
 * nodes dropped from the stream before tar sees it. Uses exec and audit.
 */
package nscope.app.container.image;
