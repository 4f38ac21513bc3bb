/**
 * What every module's tests share, published once in native's test-jar: {@link nscope.testkit.LiveTest} (the live
 * tier: a JUnit tag plus the root condition), the root check, the repository root and the synth-host tool beside it.
 * The fast tier is {@code mvn -B verify -DexcludedGroups=live}.
 */
package nscope.testkit;
