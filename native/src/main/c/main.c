/* nscope-init's entry: the mode, then run.c or enter.c. */
#include "nscope-init.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc >= 2 && !strcmp(argv[1], "run")) return run_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "exec")) return enter_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "devices")) return devices_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "lab")) return lab_main(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        puts("nscope-init 1");
        return 0;
    }
    fprintf(stderr, "nscope-init: nscope's container helper (run CONF..., exec ... -- CMD); started by nscope, not by hand\n");
    return 2;
}
