package nscope.probes.model;

import nscope.probes.readout.Unknown;

/** Something a scan could not read, where, and why; shown, never hidden. */
public record ScanProblem(String path, Unknown why) {
    @Override
    public String toString() {
        return path + ": " + why.reason().label() + " (" + why.detail() + ")";
    }
}
