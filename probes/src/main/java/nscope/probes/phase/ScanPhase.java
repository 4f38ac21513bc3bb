package nscope.probes.phase;

/**
 * One phase of a scan: it reads what the phases before it left in the
 * {@link Scan} and adds its part. It never throws for anything the host
 * does: what it could not read goes to the scan's problems or stays an
 * unknown with its reason.
 */
public interface ScanPhase {
    void run(Scan scan);
}
