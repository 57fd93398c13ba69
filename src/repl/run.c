// Script execution: compile a whole file as __main__, run it, print an
// uncaught exception's traceback; and the import hook for tl modules.
#include "repl/run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser/compile.h"
#include "vm/vm.h"

char *run_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return NULL;
    }
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    buf[len] = '\0';
    fclose(f);
    if (memchr(buf, '\0', len)) {   // the parser reads C strings: refuse rather than truncate
        free(buf);
        errno = EINVAL;
        return NULL;
    }
    // A #! line is a comment already; strip a UTF-8 BOM.
    if ((unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB && (unsigned char)buf[2] == 0xBF)
        memmove(buf, buf + 3, len - 2);
    return buf;
}

int run_source(const char *text, const char *filename) {
    ObjCode *code = compile_source(text, filename, false);
    if (!code) {
        int rc = vm_print_pending_exception();
        return rc < 0 ? 1 : rc;
    }
    Value r = vm_run_module(code, vm_main_globals());
    obj_decref(code);
    if (IS_ERR(r)) {
        int rc = vm_print_pending_exception();
        return rc < 0 ? 1 : rc;
    }
    val_decref(r);
    return 0;
}

static ObjModule *import_file(const char *name, const char *path) {
    char *text = run_read_file(path);
    if (!text) {
        tl_raise(ERR_IMPORT, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    ObjCode *code = compile_source(text, path, false);
    free(text);
    if (!code) return NULL;
    ObjModule *m = module_new(name);
    m->filename = NULL;
    Value r = vm_run_module(code, m->dict);
    obj_decref(code);
    if (IS_ERR(r)) {
        obj_decref(m);
        return NULL;
    }
    val_decref(r);
    return m;
}

void run_install_import_hook(void) { vm_import_file_hook = import_file; }
