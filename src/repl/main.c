// tl's command line: the REPL, scripts (.tl and .py), -c, -i, stdin.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/mod_sys.h"
#include "repl/run.h"
#include "vm/gc.h"
#include "vm/vm.h"

#define TL_VERSION "tl 0.1.0 (Python 3.11 syntax, PyTorch 1.13 semantics)"

static void usage(FILE *out) {
    fputs("usage: tl [option] ... [-c cmd | file | -] [arg] ...\n"
          "Options:\n"
          "  -c cmd   run the program passed in as a string\n"
          "  -i       inspect interactively after running the script\n"
          "  -        read the program from standard input\n"
          "  --version  print the version and exit\n"
          "  -h, --help print this help and exit\n"
          "With no file, tl starts the interactive REPL (history in ~/.tl_history).\n"
          "Files may be .tl or .py.\n", out);
}

static void on_sigint(int sig) {
    (void)sig;
    tl_interrupted = 1;
}

static char *read_stream(FILE *f) {
    size_t cap = 1 << 16, len = 0, n;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    buf[len] = '\0';
    return buf;
}

int main(int argc, char **argv) {
    const char *command = NULL, *script = NULL;
    bool inspect = false;
    int argi = 1;
    for (; argi < argc; argi++) {
        const char *a = argv[argi];
        if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            puts(TL_VERSION);
            return 0;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        }
        if (strcmp(a, "-i") == 0) { inspect = true; continue; }
        if (strcmp(a, "-c") == 0) {
            if (argi + 1 >= argc) {
                fputs("Argument expected for the -c option\n", stderr);
                usage(stderr);
                return 2;
            }
            command = argv[++argi];
            argi++;
            break;
        }
        if (strcmp(a, "-u") == 0 || strcmp(a, "-B") == 0) continue;   // Python flags: harmless
        if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tl: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        script = a;
        argi++;
        break;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);

    vm_init();
    run_install_import_hook();
    int rc = 0;
    if (command) {
        // sys.argv = ['-c', args...]
        argv[argi - 1] = "-c";
        lib_sys_set_argv(argc - (argi - 1), argv + (argi - 1));
        rc = run_source(command, "<string>");
    } else if (script) {
        lib_sys_set_argv(argc - (argi - 1), argv + (argi - 1));
        bool from_stdin = strcmp(script, "-") == 0;
        char *text = from_stdin ? read_stream(stdin) : run_read_file(script);
        if (!text && errno == EINVAL) {
            fprintf(stderr, "SyntaxError: source code cannot contain null bytes\n");
            return 1;
        }
        if (!text) {
            fprintf(stderr, "tl: can't open file '%s': [Errno %d] %s\n", script, errno, strerror(errno));
            return 2;
        }
        rc = run_source(text, from_stdin ? "<stdin>" : script);
        free(text);
    } else if (!isatty(STDIN_FILENO)) {
        char *empty[] = {""};
        lib_sys_set_argv(1, empty);
        char *text = read_stream(stdin);
        rc = text ? run_source(text, "<stdin>") : 1;
        free(text);
    } else {
        char *empty[] = {""};
        lib_sys_set_argv(1, empty);
        inspect = true;
    }
    if (inspect && (rc == 0 || rc == 1)) rc = repl_main();
    fflush(stdout);
    gc_collect();   // unreachable cycles are freed before exit (LeakSanitizer checks this)
    return rc;
}
