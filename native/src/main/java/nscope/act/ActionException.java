package nscope.act;

/** An action on the host that was refused or failed, said in one sentence for the user; nothing was changed by it. */
public final class ActionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ActionException(String message) {
        super(message);
    }
}
