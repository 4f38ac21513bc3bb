package nscope.views.keys;

/**
 * Where a binding applies: the screens (NORMAL), the container list (C) open over them, or a lab open on
 * them (LAB: its keys are looked up first, the screens' keys answer the rest).
 */
public enum Mode {
    NORMAL,
    CONTAINER_LIST,
    LAB,
    /** Replaying a recording (nscope replay): the timeline's keys, looked up before the screens'. */
    REPLAY
}
