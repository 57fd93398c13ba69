// Completion never runs user code beyond attribute lookups on plain names:
// the text before the last dot must be a dotted name path.
#include "repl/complete.h"

#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"
#include "repl/lineedit.h"
#include "vm/attr.h"
#include "vm/modules.h"
#include "vm/vm.h"

static const char *const keywords[] = {
    "False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", NULL,
};

static void add_if_prefix(ObjList *out, const char *prefix_path, const char *name, const char *prefix, Value v) {
    size_t n = strlen(prefix);
    if (strncmp(name, prefix, n) != 0) return;
    if (name[0] == '_' && (n == 0 || prefix[0] != '_')) return;   // hide private names unless asked
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s%s", prefix_path, name);
    if (!IS_UNDEF(v) && val_type(v)->call && val_type(v) != &type_type) sb_append_char(&sb, '(');
    else if (!IS_UNDEF(v) && val_type(v) == &type_type) sb_append_char(&sb, '(');
    Value s = str_from_buf(&sb);
    list_append_steal(out, s);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(val_cstr(*(const Value *)a), val_cstr(*(const Value *)b));
}

static void sort_unique(ObjList *l) {
    qsort(l->items, (size_t)l->len, sizeof(Value), cmp_str);
    int64_t w = 0;
    for (int64_t i = 0; i < l->len; i++) {
        if (w > 0 && strcmp(val_cstr(l->items[w - 1]), val_cstr(l->items[i])) == 0) {
            val_decref(l->items[i]);
            continue;
        }
        l->items[w++] = l->items[i];
    }
    l->len = w;
}

static Value lookup_name(const char *name) {
    Value v = dict_get_cstr(vm_main_globals(), name);
    if (IS_UNDEF(v)) v = dict_get_cstr(builtins_dict(), name);
    return IS_UNDEF(v) ? v : val_incref(v);
}

ObjList *complete_candidates(const char *word) {
    ObjList *out = list_new(0);
    const char *dot = strrchr(word, '.');
    if (!dot) {
        for (int i = 0; keywords[i]; i++) add_if_prefix(out, "", keywords[i], word, VAL_UNDEFINED);
        ObjDict *dicts[2] = {vm_main_globals(), builtins_dict()};
        for (int d = 0; d < 2; d++) {
            Value k, v;
            for (int64_t i = 0; dict_next(dicts[d], &i, &k, &v);)
                if (val_is_str(k)) add_if_prefix(out, "", val_cstr(k), word, v);
        }
        sort_unique(out);
        return out;
    }
    // Resolve the dotted path before the last dot.
    char *path = tl_xstrndup(word, (size_t)(dot - word));
    char *save = NULL;
    char *part = strtok_r(path, ".", &save);
    Value obj = part ? lookup_name(part) : VAL_UNDEFINED;
    while (!IS_UNDEF(obj) && (part = strtok_r(NULL, ".", &save))) {
        Value next = val_getattr_cstr(obj, part);
        val_decref(obj);
        if (IS_ERR(next)) {
            tl_error_clear();
            next = VAL_UNDEFINED;
        }
        obj = next;
    }
    free(path);
    if (IS_UNDEF(obj)) return out;
    ObjList *names = attr_names(obj);
    char *prefix_path = tl_xstrndup(word, (size_t)(dot - word + 1));
    for (int64_t i = 0; names && i < names->len; i++) {
        const char *name = val_cstr(names->items[i]);
        if (strncmp(name, dot + 1, strlen(dot + 1)) != 0) continue;
        Value v = val_getattr_cstr(obj, name);
        if (IS_ERR(v)) {
            tl_error_clear();
            v = VAL_UNDEFINED;
        }
        add_if_prefix(out, prefix_path, name, dot + 1, v);
        val_decref(v);
    }
    free(prefix_path);
    obj_decref(names);
    val_decref(obj);
    sort_unique(out);
    return out;
}

static ObjList *matches;

static char *generator(const char *text, int state) {
    if (state == 0) {
        obj_decref(matches);
        matches = complete_candidates(text);
    }
    if (!matches || state >= matches->len) return NULL;
    return strdup(val_cstr(matches->items[state]));
}

void complete_install(void) { le_set_completion(generator, " \t\n\"\\'`@$><=;|&{(,[]+-*/%^~!:"); }
