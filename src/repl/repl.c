// The interactive loop on libedit: prompts ">>> " and "... ", multi-line
// blocks ended by an empty line (the parser says when input is incomplete),
// history in ~/.tl_history, Tab completion of keywords, names and
// attributes, and Ctrl-C that discards the line or interrupts running code
// while every variable survives.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "parser/compile.h"
#include "repl/complete.h"
#include "repl/lineedit.h"
#include "repl/run.h"
#include "vm/vm.h"

static char history_path[1024];

static void history_open(void) {
    const char *home = getenv("HOME");
    if (!home) return;
    snprintf(history_path, sizeof history_path, "%s/.tl_history", home);
    le_history_load(history_path);
}

// Runs one complete REPL input. Returns a SystemExit code, or -1 to go on.
static int run_input(const char *text) {
    ObjCode *code = compile_source(text, "<stdin>", true);
    if (!code) {
        int rc = vm_print_pending_exception();
        return rc >= 0 && vm_pending_is_system_exit() ? rc : -1;
    }
    Value r = vm_run_module(code, vm_main_globals());
    obj_decref(code);
    fflush(stdout);
    if (IS_ERR(r)) {
        bool is_exit = vm_pending_is_system_exit();
        int rc = vm_print_pending_exception();
        if (is_exit) return rc;
        return -1;
    }
    val_decref(r);
    return -1;
}

static bool only_blank(const char *s) {
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
    return true;
}

int repl_main(void) {
    bool tty = isatty(STDIN_FILENO);
    if (tty) {
        if (le_init()) {
            history_open();
            complete_install();
        }
        printf("tl 0.1 — a tensor language (Python syntax, PyTorch semantics). Ctrl-D exits.\n");
    }
    StrBuf buf = STRBUF_INIT;
    for (;;) {
        tl_interrupted = 0;
        const char *prompt = buf.len ? "... " : ">>> ";
        char *line = le_readline(prompt);
        if (!line) {
            if (tl_interrupted || errno == EINTR) {   // Ctrl-C while typing: drop the input
                tl_interrupted = 0;
                errno = 0;
                fputs("\nKeyboardInterrupt\n", stdout);
                sb_clear(&buf);
                continue;
            }
            fputc('\n', stdout);
            break;   // Ctrl-D
        }
        if (tty) le_history_add(line, history_path);
        if (buf.len == 0 && only_blank(line)) {
            free(line);
            continue;
        }
        sb_append(&buf, line);
        sb_append_char(&buf, '\n');
        free(line);
        AstModule *m = NULL;
        ParseError err;
        ParseStatus st = parse_source(sb_cstr(&buf), "<stdin>", 1, &m, &err);
        ast_free(m);
        if (st == PARSE_INCOMPLETE) continue;
        int rc = run_input(sb_cstr(&buf));
        sb_clear(&buf);
        if (rc >= 0) {
            sb_free(&buf);
            return rc;
        }
    }
    sb_free(&buf);
    return 0;
}
