package nscope.app.screen;

import java.util.function.Supplier;
import nscope.views.ui.HostFacts;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OperatingSystem;

/**
 * The header's facts from oshi-core, set up once (on the scanning thread,
 * so the first frame does not wait for it) and read again on each refresh.
 * Where oshi fails, the header says so instead of the facts.
 */
public final class LiveHostFacts implements Supplier<HostFacts> {
    private SystemInfo si;
    private String failed;

    @Override
    public synchronized HostFacts get() {
        if (failed != null) return new HostFacts(failed, "", -1, 0, 0, 0, null);
        try {
            if (si == null) si = new SystemInfo();
            OperatingSystem os = si.getOperatingSystem();
            CentralProcessor cpu = si.getHardware().getProcessor();
            GlobalMemory mem = si.getHardware().getMemory();
            String kernel = os.getVersionInfo().getBuildNumber();
            return new HostFacts(
                    os.getNetworkParams().getHostName(),
                    kernel == null ? "" : kernel,
                    os.getSystemUptime(),
                    cpu.getLogicalProcessorCount(),
                    mem.getTotal(),
                    mem.getAvailable(),
                    cpu.getSystemLoadAverage(3));
        } catch (RuntimeException | LinkageError e) {
            failed = "host facts unavailable (" + e.getClass().getSimpleName() + ")";
            return new HostFacts(failed, "", -1, 0, 0, 0, null);
        }
    }
}
