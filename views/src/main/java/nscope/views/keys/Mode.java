package nscope.views.keys;

/** Where a binding applies: the screens (NORMAL), or the container list (C) open over them. */
public enum Mode {
    NORMAL,
    CONTAINER_LIST
}
