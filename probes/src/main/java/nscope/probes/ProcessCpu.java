package nscope.probes;

/** This process's CPU time, all threads (scans, hops, drawing, the collector): what the live screen's CPU budget counts. */
public final class ProcessCpu {
    private ProcessCpu() {}

    /** Nanoseconds of CPU used so far; 0 where the JVM cannot tell. */
    public static long nanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) return Math.max(0, os.getProcessCpuTime());
        return 0;
    }
}
