package nscope.probes.parse;

/** Kernel text that is not in its documented format. */
public class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public Malformed(String message) {
        super(message);
    }
}
