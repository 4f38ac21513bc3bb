package nscope.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the live tier: it makes or reads real kernel objects (namespaces, cgroups, mounts, veths,
 * containers) and needs root. Tagged "live", so {@code -DexcludedGroups=live} leaves it out; skipped, with the
 * reason, when not run as root.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("live")
@ExtendWith(RootOnly.class)
public @interface LiveTest {}
