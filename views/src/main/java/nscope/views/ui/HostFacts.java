package nscope.views.ui;

/**
 * The host's facts for the header (the app reads them with oshi-core); a
 * recorded fixture has none of them live, and says what it is instead.
 */
public record HostFacts(
        String hostname, String kernel, long uptimeSeconds, int cpus, long memTotal, long memAvailable, double[] load) {
    /** For a replayed fixture: only its name. */
    public static HostFacts recorded(String source) {
        return new HostFacts("recorded " + source, "", -1, 0, 0, 0, null);
    }
}
