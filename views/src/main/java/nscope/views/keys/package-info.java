/**
 * The key table's parts: a {@link nscope.views.keys.Key}, a
 * {@link nscope.views.keys.Binding} (keys, help, changes the host?, modes,
 * handler), the {@link nscope.views.keys.Mode}s a binding applies in, and
 * the {@link nscope.views.keys.KeyTable} that finds a key's binding and
 * lists what the help offers. The bindings themselves, with their
 * handlers, are made by the screen ({@code nscope.views.ui.Keys}).
 *
 * <p>May use: Lanterna's key types. Nothing else of views.
 */
package nscope.views.keys;
