// The os module (environ, getenv, getcwd, listdir, remove, mkdir...) and
// os.path with posixpath's exact string rules (join, split, splitext,
// normpath). os.environ is a dict snapshot taken at import; getenv reads
// that dict, so assignments to os.environ are seen by getenv as in CPython.
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/std_modules.h"
#include "vm/containers.h"
#include "vm/modules.h"
#include "vm/obj_file.h"

extern char **environ;

static ObjModule *path_module;   // shared by `import os` and `import os.path`
static ObjDict *environ_dict;

static int path_arg(const char *fname, Value v, const char **out) {
    if (val_is_str(v)) {
        *out = val_cstr(v);
        return 0;
    }
    exc_raise(exc_TypeError, "%s: path should be string, bytes or os.PathLike, not %s", fname, val_type_name(v));
    return -1;
}

static int no_kw(const char *fname, const KwArgs *kw) { return arg_no_kwargs(fname, kw); }

// ------------------------------------------------------------ os

static Value os_getenv(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"key", "default"};
    Value a[2];
    if (nargs > 2) return exc_raise(exc_TypeError, "getenv() takes from 1 to 2 positional arguments but %d were given", nargs);
    if (arg_bind("getenv", nargs, args, kw, names, 2, 2, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "getenv() missing 1 required positional argument: 'key'");
    if (!val_is_str(a[0])) return exc_raise(exc_TypeError, "str expected, not %s", val_type_name(a[0]));
    Value v = environ_dict ? dict_get(environ_dict, a[0]) : VAL_UNDEFINED;
    if (IS_ERR(v)) return v;
    if (!IS_UNDEF(v)) return val_incref(v);
    return IS_UNDEF(a[1]) ? NONE_VAL : val_incref(a[1]);
}

static Value os_getcwd(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (no_kw("getcwd", kw) < 0) return VAL_ERROR;
    if (nargs) return exc_raise(exc_TypeError, "posix.getcwd() takes no arguments (%d given)", nargs);
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return file_raise_errno(errno, ".");
    Value r = str_value(cwd);
    free(cwd);
    return r;
}

static Value os_listdir(int nargs, Value *args, const KwArgs *kw) {
    const char *p = ".";
    if (no_kw("listdir", kw) < 0 || arg_check_count("listdir", nargs, 0, 1) < 0) return VAL_ERROR;
    if (nargs == 1 && !IS_NONE(args[0]) && path_arg("listdir", args[0], &p) < 0) return VAL_ERROR;
    DIR *d = opendir(p);
    if (!d) return file_raise_errno(errno, p);
    ObjList *out = list_new(0);
    struct dirent *e;
    while (out && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        list_append_steal(out, str_value(e->d_name));
    }
    closedir(d);
    return out ? OBJ_VAL(out) : VAL_ERROR;
}

// One-path operations that return None: remove, rmdir, mkdir.
static Value path_op(const char *fname, int (*op)(const char *), int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    if (no_kw(fname, kw) < 0 || arg_check_count(fname, nargs, 1, 1) < 0 || path_arg(fname, args[0], &p) < 0)
        return VAL_ERROR;
    if (op(p) < 0) return file_raise_errno(errno, p);
    return NONE_VAL;
}

static int do_mkdir(const char *p) { return mkdir(p, 0777); }

static Value os_remove(int nargs, Value *args, const KwArgs *kw) { return path_op("remove", unlink, nargs, args, kw); }
static Value os_unlink(int nargs, Value *args, const KwArgs *kw) { return path_op("unlink", unlink, nargs, args, kw); }
static Value os_rmdir(int nargs, Value *args, const KwArgs *kw) { return path_op("rmdir", rmdir, nargs, args, kw); }

static Value os_mkdir(int nargs, Value *args, const KwArgs *kw) {
    return path_op("mkdir", do_mkdir, nargs > 1 ? 1 : nargs, args, kw);
}

// makedirs(name, mode=0o777, exist_ok=False): creates missing parents.
static Value os_makedirs(int nargs, Value *args, const KwArgs *kw) {
    static const char *const names[] = {"name", "mode", "exist_ok"};
    Value a[3];
    const char *p;
    if (arg_bind("makedirs", nargs, args, kw, names, 3, 3, a) < 0) return VAL_ERROR;
    if (IS_UNDEF(a[0])) return exc_raise(exc_TypeError, "makedirs() missing 1 required positional argument: 'name'");
    if (path_arg("makedirs", a[0], &p) < 0) return VAL_ERROR;
    int exist_ok = IS_UNDEF(a[2]) ? 0 : val_truthy(a[2]);
    if (exist_ok < 0) return VAL_ERROR;
    char *buf = strdup(p);
    if (!buf) return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        mkdir(buf, 0777);   // parents: failures surface at the final mkdir
        *s = '/';
    }
    int rc = mkdir(buf, 0777), err = errno;
    free(buf);
    struct stat st;
    if (rc < 0 && !(err == EEXIST && exist_ok && stat(p, &st) == 0 && S_ISDIR(st.st_mode)))
        return file_raise_errno(err, p);
    return NONE_VAL;
}

static Value os_rename(int nargs, Value *args, const KwArgs *kw) {
    const char *src, *dst;
    if (no_kw("rename", kw) < 0 || arg_check_count("rename", nargs, 2, 2) < 0 ||
        path_arg("rename", args[0], &src) < 0 || path_arg("rename", args[1], &dst) < 0)
        return VAL_ERROR;
    if (rename(src, dst) < 0) return file_raise_errno(errno, src);
    return NONE_VAL;
}

static Value os_cpu_count(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (no_kw("cpu_count", kw) < 0 || arg_check_count("cpu_count", nargs, 0, 0) < 0) return VAL_ERROR;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? INT_VAL(n) : NONE_VAL;
}

static Value os_getpid(int nargs, Value *args, const KwArgs *kw) {
    (void)args;
    if (no_kw("getpid", kw) < 0 || arg_check_count("getpid", nargs, 0, 0) < 0) return VAL_ERROR;
    return INT_VAL(getpid());
}

// ------------------------------------------------------------ os.path: strings

static int str_arg(const char *fname, Value v, const char **out, size_t *len) {
    if (!val_is_str(v)) {
        exc_raise(exc_TypeError, "%s() argument must be str, bytes, or os.PathLike object, not '%s'", fname,
                  val_type_name(v));
        return -1;
    }
    *out = val_cstr(v);
    *len = (size_t)AS_STR(v)->len;
    return 0;
}

static int one_str(const char *fname, int nargs, Value *args, const KwArgs *kw, const char **s, size_t *n) {
    if (no_kw(fname, kw) < 0 || arg_check_count(fname, nargs, 1, 1) < 0) return -1;
    if (!val_is_str(args[0])) {
        exc_raise(exc_TypeError, "expected str, bytes or os.PathLike object, not %s", val_type_name(args[0]));
        return -1;
    }
    *s = val_cstr(args[0]);
    *n = (size_t)AS_STR(args[0])->len;
    return 0;
}

// posixpath.split: the head keeps its slashes only when it is all slashes.
static void split_path(const char *p, size_t n, size_t *head_len, size_t *tail_start) {
    size_t i = n;
    while (i > 0 && p[i - 1] != '/') i--;
    *tail_start = i;
    size_t h = i;
    while (h > 0 && p[h - 1] == '/') h--;
    *head_len = h == 0 ? i : h;
}

static Value op_join(int nargs, Value *args, const KwArgs *kw) {
    if (no_kw("join", kw) < 0) return VAL_ERROR;
    if (nargs == 0) return exc_raise(exc_TypeError, "join() missing 1 required positional argument: 'a'");
    if (!val_is_str(args[0]))
        return exc_raise(exc_TypeError, "expected str, bytes or os.PathLike object, not %s", val_type_name(args[0]));
    StrBuf sb = STRBUF_INIT;
    sb_append_n(&sb, val_cstr(args[0]), (size_t)AS_STR(args[0])->len);
    for (int i = 1; i < nargs; i++) {
        const char *b;
        size_t bn;
        if (str_arg("join", args[i], &b, &bn) < 0) {
            sb_free(&sb);
            return VAL_ERROR;
        }
        if (bn && b[0] == '/') sb_clear(&sb);
        else if (sb.len && sb.data[sb.len - 1] != '/') sb_append_char(&sb, '/');
        sb_append_n(&sb, b, bn);
    }
    return str_from_buf(&sb);
}

static Value op_split(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n, h, t;
    if (one_str("split", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    split_path(p, n, &h, &t);
    return tuple_pack(2, str_value_n(p, (int64_t)h), str_value_n(p + t, (int64_t)(n - t)));
}

static Value op_basename(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n, h, t;
    if (one_str("basename", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    split_path(p, n, &h, &t);
    return str_value_n(p + t, (int64_t)(n - t));
}

static Value op_dirname(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n, h, t;
    if (one_str("dirname", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    split_path(p, n, &h, &t);
    return str_value_n(p, (int64_t)h);
}

static Value op_splitext(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n;
    if (one_str("splitext", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    const char *slash = memrchr(p, '/', n), *dot = memrchr(p, '.', n);
    size_t name_start = slash ? (size_t)(slash - p) + 1 : 0;
    if (dot && (!slash || dot > slash)) {
        size_t d = (size_t)(dot - p);
        // leading dots belong to the name: '.bashrc' has no extension
        for (size_t i = name_start; i < d; i++)
            if (p[i] != '.') return tuple_pack(2, str_value_n(p, (int64_t)d), str_value_n(p + d, (int64_t)(n - d)));
    }
    return tuple_pack(2, val_incref(args[0]), str_value(""));
}

// posixpath.normpath: drops '.', empty parts and 'x/..' pairs; keeps
// exactly two leading slashes (POSIX leaves '//' implementation-defined).
static Value normpath(const char *p, size_t n) {
    if (n == 0) return str_value(".");
    int slashes = p[0] == '/' ? (n >= 2 && p[1] == '/' && !(n >= 3 && p[2] == '/') ? 2 : 1) : 0;
    size_t *starts = malloc(sizeof(size_t) * (n + 1)), *lens = malloc(sizeof(size_t) * (n + 1));
    if (!starts || !lens) {
        free(starts);
        free(lens);
        return exc_raise(exc_class_for_kind(ERR_MEMORY), "%s", "");
    }
    size_t k = 0;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && p[j] != '/') j++;
        size_t len = j - i;
        bool dotdot = len == 2 && p[i] == '.' && p[i + 1] == '.';
        if (len == 0 || (len == 1 && p[i] == '.')) {
            // skip
        } else if (!dotdot || (!slashes && k == 0) || (k > 0 && lens[k - 1] == 2 && p[starts[k - 1]] == '.' &&
                                                      p[starts[k - 1] + 1] == '.')) {
            starts[k] = i;
            lens[k++] = len;
        } else if (k > 0) {
            k--;
        }
        i = j + 1;
    }
    StrBuf sb = STRBUF_INIT;
    sb_repeat(&sb, '/', (size_t)slashes);
    for (size_t i = 0; i < k; i++) {
        if (i) sb_append_char(&sb, '/');
        sb_append_n(&sb, p + starts[i], lens[i]);
    }
    free(starts);
    free(lens);
    if (sb.len == 0) sb_append_char(&sb, '.');
    return str_from_buf(&sb);
}

static Value op_normpath(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n;
    if (one_str("normpath", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    return normpath(p, n);
}

static Value op_abspath(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n;
    if (one_str("abspath", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    if (n && p[0] == '/') return normpath(p, n);
    char *cwd = getcwd(NULL, 0);
    if (!cwd) return file_raise_errno(errno, ".");
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, cwd);
    free(cwd);
    if (n) {
        if (sb.len && sb.data[sb.len - 1] != '/') sb_append_char(&sb, '/');
        sb_append_n(&sb, p, n);
    }
    Value r = normpath(sb.data, sb.len);
    sb_free(&sb);
    return r;
}

static Value op_isabs(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n;
    if (one_str("isabs", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    return BOOL_VAL(n > 0 && p[0] == '/');
}

static Value op_expanduser(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    size_t n;
    if (one_str("expanduser", nargs, args, kw, &p, &n) < 0) return VAL_ERROR;
    const char *home = getenv("HOME");
    if (n == 0 || p[0] != '~' || (n > 1 && p[1] != '/') || !home) return val_incref(args[0]);
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, home);
    while (sb.len > 1 && sb.data[sb.len - 1] == '/') sb.data[--sb.len] = '\0';
    sb_append_n(&sb, p + 1, n - 1);
    return str_from_buf(&sb);
}

// ------------------------------------------------------------ os.path: queries

// stat() of a str path or an int file descriptor; 1 found, 0 not, -1 error.
static int stat_arg(const char *fname, int nargs, Value *args, const KwArgs *kw, struct stat *st) {
    if (no_kw(fname, kw) < 0 || arg_check_count(fname, nargs, 1, 1) < 0) return -1;
    Value v = args[0];
    if (val_is_str(v)) return stat(val_cstr(v), st) == 0;
    if (IS_INT(v) || IS_BOOL(v)) return fstat((int)(IS_INT(v) ? v.as.i : v.as.b), st) == 0;
    exc_raise(exc_TypeError, "stat: path should be string, bytes, os.PathLike or integer, not %s", val_type_name(v));
    return -1;
}

static Value op_exists(int nargs, Value *args, const KwArgs *kw) {
    struct stat st;
    int r = stat_arg("exists", nargs, args, kw, &st);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r);
}

static Value op_isfile(int nargs, Value *args, const KwArgs *kw) {
    struct stat st;
    int r = stat_arg("isfile", nargs, args, kw, &st);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r && S_ISREG(st.st_mode));
}

static Value op_isdir(int nargs, Value *args, const KwArgs *kw) {
    struct stat st;
    int r = stat_arg("isdir", nargs, args, kw, &st);
    return r < 0 ? VAL_ERROR : BOOL_VAL(r && S_ISDIR(st.st_mode));
}

static Value op_getsize(int nargs, Value *args, const KwArgs *kw) {
    const char *p;
    if (no_kw("getsize", kw) < 0 || arg_check_count("getsize", nargs, 1, 1) < 0 || path_arg("stat", args[0], &p) < 0)
        return VAL_ERROR;
    struct stat st;
    if (stat(p, &st) < 0) return file_raise_errno(errno, p);
    return INT_VAL(st.st_size);
}

// ------------------------------------------------------------ the modules

static const NativeMethodDef os_functions[] = {
    {"getenv", os_getenv, "Get an environment variable, return None if it doesn't exist.\n\n"
                          "The optional second argument can specify an alternate default."},
    {"getcwd", os_getcwd, "Return a unicode string representing the current working directory."},
    {"listdir", os_listdir, "Return a list containing the names of the files in the directory."},
    {"remove", os_remove, "Remove a file (same as unlink())."},
    {"unlink", os_unlink, "Remove a file (same as remove())."},
    {"rmdir", os_rmdir, "Remove a directory."},
    {"mkdir", os_mkdir, "Create a directory."},
    {"makedirs", os_makedirs, "makedirs(name [, mode=0o777][, exist_ok=False])\n\n"
                              "Super-mkdir; create a leaf directory and all intermediate ones."},
    {"rename", os_rename, "Rename a file or directory."},
    {"cpu_count", os_cpu_count, "Return the number of CPUs in the system; return None if indeterminable."},
    {"getpid", os_getpid, "Return the current process id."},
    {NULL, NULL, NULL},
};

static const NativeMethodDef path_functions[] = {
    {"exists", op_exists, "Test whether a path exists.  Returns False for broken symbolic links"},
    {"isfile", op_isfile, "Test whether a path is a regular file"},
    {"isdir", op_isdir, "Return true if the pathname refers to an existing directory."},
    {"getsize", op_getsize, "Return the size of a file, reported by os.stat()."},
    {"join", op_join, "Join two or more pathname components, inserting '/' as needed.\n"
                      "If any component is an absolute path, all previous path components\n"
                      "will be discarded.  An empty last part will result in a path that\n"
                      "ends with a separator."},
    {"split", op_split, "Split a pathname.  Returns tuple \"(head, tail)\" where \"tail\" is\n"
                        "everything after the final slash.  Either part may be empty."},
    {"basename", op_basename, "Returns the final component of a pathname"},
    {"dirname", op_dirname, "Returns the directory component of a pathname"},
    {"splitext", op_splitext, "Split the extension from a pathname.\n\n"
                              "Extension is everything from the last dot to the end, ignoring\n"
                              "leading dots.  Returns \"(root, ext)\"; ext may be empty."},
    {"normpath", op_normpath, "Normalize path, eliminating double slashes, etc."},
    {"abspath", op_abspath, "Return an absolute path."},
    {"isabs", op_isabs, "Test whether a path is absolute"},
    {"expanduser", op_expanduser, "Expand ~ and ~user constructions.  If user or $HOME is unknown,\ndo nothing."},
    {NULL, NULL, NULL},
};

ObjModule *lib_os_path_init(void) {
    if (path_module) return obj_incref(path_module);
    ObjModule *m = module_new("os.path");
    if (!m) return NULL;
    module_add_value(m, "__doc__", str_value("Common operations on Posix pathnames."));
    lib_module_add_functions(m, path_functions);
    module_add_value(m, "sep", str_value("/"));
    path_module = m;
    return obj_incref(m);
}

ObjModule *lib_os_init(void) {
    ObjModule *path = lib_os_path_init();
    if (!path) return NULL;
    ObjModule *m = module_new("os");
    if (!m) {
        obj_decref(path);
        return NULL;
    }
    module_add_value(m, "__doc__", str_value("OS routines for NT or Posix depending on what system we're on."));
    lib_module_add_functions(m, os_functions);
    module_add_value(m, "path", OBJ_VAL(path));
    if (!environ_dict) {
        environ_dict = dict_new();
        for (char **e = environ; environ_dict && e && *e; e++) {
            const char *eq = strchr(*e, '=');
            if (!eq) continue;
            Value k = str_value_n(*e, (int64_t)(eq - *e)), v = str_value(eq + 1);
            if (!IS_ERR(k) && !IS_ERR(v)) dict_set(environ_dict, k, v);
            val_decref(k);
            val_decref(v);
        }
    }
    if (environ_dict) dict_set_cstr(m->dict, "environ", OBJ_VAL(environ_dict));
    module_add_value(m, "sep", str_value("/"));
    module_add_value(m, "linesep", str_value("\n"));
    module_add_value(m, "name", str_value("posix"));
    module_add_value(m, "curdir", str_value("."));
    module_add_value(m, "pardir", str_value(".."));
    module_add_value(m, "pathsep", str_value(":"));
    return m;
}
