// Text file objects (open(), sys.stdout/stderr/stdin): a C stdio stream
// with CPython's text-mode behaviour: reads translate "\r\n" and "\r" to
// "\n", sizes count code points, iteration yields lines, `with` closes.
// Binary modes ('b') are accepted and read as text: tl has no bytes type.
#include "vm/obj_file.h"

#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm/containers.h"
#include "vm/modules.h"

typedef struct {
    Obj base;
    FILE *fp;
    Value name;          // the path as given, or '<stdout>'
    char mode[8];        // the mode as given ("r", "w+", ...)
    const char *encoding;
    bool readable, writable, closed;
    bool owns_fp;        // false for the standard streams: never fclose'd
    bool last_write;     // stdio needs a seek between a write and a read
} ObjFile;

#define FILE_OF(v) ((ObjFile *)(v).as.o)

// ------------------------------------------------------------ errors

static Value closed_error(void) { return exc_raise(exc_ValueError, "I/O operation on closed file."); }

// CPython raises io.UnsupportedOperation, an OSError (and ValueError) subclass.
static Value unsupported(const char *what) {
    return exc_raise(exc_class_for_kind(ERR_OS), "%s", what);
}

static TypeObj *errno_class(int err) {
    const char *name = NULL;
    switch (err) {
    case ENOENT: return exc_class_for_kind(ERR_FILE_NOT_FOUND);
    case EEXIST: name = "FileExistsError"; break;
    case EACCES: case EPERM: name = "PermissionError"; break;
    case EISDIR: name = "IsADirectoryError"; break;
    case ENOTDIR: name = "NotADirectoryError"; break;
    default: break;
    }
    ObjDict *b = builtins_dict();
    Value cls = name && b ? dict_get_cstr(b, name) : VAL_UNDEFINED;
    if (IS_OBJ(cls) && cls.as.o->type == &type_type) return (TypeObj *)cls.as.o;
    return exc_class_for_kind(ERR_OS);
}

static void set_attr_cstr(Value obj, const char *name, Value v) {
    ObjStr *s = str_intern(name);
    if (val_setattr(obj, s, v) < 0) tl_error_clear();
    obj_decref(s);
    val_decref(v);
}

Value file_raise_errno(int err, const char *filename) {
    Value fname = str_value(filename);
    if (IS_ERR(fname)) return fname;
    Value rep = val_repr(fname);
    if (IS_ERR(rep)) {
        val_decref(fname);
        return rep;
    }
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "[Errno %d] %s: %s", err, strerror(err), val_cstr(rep));
    val_decref(rep);
    Value msg = str_from_buf(&sb);
    if (IS_ERR(msg)) {
        val_decref(fname);
        return msg;
    }
    Value exc = val_call(OBJ_VAL(errno_class(err)), 1, &msg, NULL);
    val_decref(msg);
    if (IS_ERR(exc)) {
        val_decref(fname);
        return exc;
    }
    set_attr_cstr(exc, "errno", INT_VAL(err));
    set_attr_cstr(exc, "strerror", str_value(strerror(err)));
    set_attr_cstr(exc, "filename", fname);
    return exc_raise_value(exc);
}

static int check_open(ObjFile *f) {
    if (!f->closed) return 0;
    closed_error();
    return -1;
}

static int check_readable(ObjFile *f) {
    if (check_open(f) < 0) return -1;
    if (!f->readable) {
        unsupported("not readable");
        return -1;
    }
    if (f->last_write) {
        fflush(f->fp);
        fseek(f->fp, 0, SEEK_CUR);
        f->last_write = false;
    }
    return 0;
}

static int check_writable(ObjFile *f) {
    if (check_open(f) < 0) return -1;
    if (!f->writable) {
        unsupported("not writable");
        return -1;
    }
    if (!f->last_write && f->readable) fseek(f->fp, 0, SEEK_CUR);
    f->last_write = true;
    return 0;
}

// ------------------------------------------------------------ reading

// Appends one character (a UTF-8 sequence, newlines translated) to [sb].
// Returns 1 when a character was read, 0 at end of file.
static int read_char(FILE *fp, StrBuf *sb, bool *newline) {
    int c = getc_unlocked(fp);
    if (c == EOF) return 0;
    *newline = false;
    if (c == '\r' || c == '\n') {
        if (c == '\r') {
            int d = getc_unlocked(fp);
            if (d != '\n' && d != EOF) ungetc(d, fp);
        }
        sb_append_char(sb, '\n');
        *newline = true;
        return 1;
    }
    sb_append_char(sb, (char)c);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    for (int i = 0; i < extra; i++) {
        int d = getc_unlocked(fp);
        if (d == EOF) break;
        if ((d & 0xC0) != 0x80) {
            ungetc(d, fp);
            break;
        }
        sb_append_char(sb, (char)d);
    }
    return 1;
}

// Reads up to [max_chars] characters (-1: no limit), stopping after a
// newline when [line] is set.
static Value read_text(ObjFile *f, int64_t max_chars, bool line) {
    if (check_readable(f) < 0) return VAL_ERROR;
    StrBuf sb = STRBUF_INIT;
    bool nl = false;
    for (int64_t n = 0; max_chars < 0 || n < max_chars; n++) {
        if (!read_char(f->fp, &sb, &nl)) break;
        if (line && nl) break;
    }
    if (ferror(f->fp)) {
        int err = errno;
        clearerr(f->fp);
        sb_free(&sb);
        return exc_raise(exc_class_for_kind(ERR_OS), "[Errno %d] %s", err, strerror(err));
    }
    return str_from_buf(&sb);
}

static int size_arg(const char *fname, int nargs, Value *args, const KwArgs *kw, int64_t *size) {
    *size = -1;
    if (arg_no_kwargs(fname, kw) < 0 || arg_check_count(fname, nargs - 1, 0, 1) < 0) return -1;
    if (nargs < 2 || IS_NONE(args[1])) return 0;
    return arg_int(args[1], "size", size);
}

static Value m_read(int nargs, Value *args, const KwArgs *kw) {
    int64_t size;
    if (size_arg("read", nargs, args, kw, &size) < 0) return VAL_ERROR;
    return read_text(FILE_OF(args[0]), size, false);
}

static Value m_readline(int nargs, Value *args, const KwArgs *kw) {
    int64_t size;
    if (size_arg("readline", nargs, args, kw, &size) < 0) return VAL_ERROR;
    return read_text(FILE_OF(args[0]), size, true);
}

// readlines(hint): stops once the lines read hold [hint] characters or more.
static Value m_readlines(int nargs, Value *args, const KwArgs *kw) {
    int64_t hint;
    if (size_arg("readlines", nargs, args, kw, &hint) < 0) return VAL_ERROR;
    ObjFile *f = FILE_OF(args[0]);
    ObjList *out = list_new(0);
    if (!out) return VAL_ERROR;
    int64_t total = 0;
    for (;;) {
        Value line = read_text(f, -1, true);
        if (IS_ERR(line)) {
            obj_decref(out);
            return line;
        }
        if (AS_STR(line)->len == 0) {
            val_decref(line);
            break;
        }
        total += AS_STR(line)->nchars;
        list_append_steal(out, line);
        if (hint > 0 && total >= hint) break;
    }
    return OBJ_VAL(out);
}

// ------------------------------------------------------------ writing

int file_write(Value fv, const char *s, size_t n) {
    ObjFile *f = FILE_OF(fv);
    if (check_writable(f) < 0) return -1;
    if (n && fwrite(s, 1, n, f->fp) != n) {
        int err = errno;
        clearerr(f->fp);
        return tl_raise_int(ERR_OS, "[Errno %d] %s", err, strerror(err));
    }
    return 0;
}

int file_flush(Value fv) {
    ObjFile *f = FILE_OF(fv);
    if (check_open(f) < 0) return -1;
    fflush(f->fp);
    return 0;
}

static int write_str(Value self, Value s) {
    if (!val_is_str(s)) {
        exc_raise(exc_TypeError, "write() argument must be str, not %s", val_type_name(s));
        return -1;
    }
    return file_write(self, AS_STR(s)->data, (size_t)AS_STR(s)->len);
}

static Value m_write(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("write", kw) < 0 || arg_check_count("write", nargs - 1, 1, 1) < 0) return VAL_ERROR;
    if (write_str(args[0], args[1]) < 0) return VAL_ERROR;
    return INT_VAL(AS_STR(args[1])->nchars);
}

static Value m_writelines(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("writelines", kw) < 0 || arg_check_count("writelines", nargs - 1, 1, 1) < 0)
        return VAL_ERROR;
    if (check_open(FILE_OF(args[0])) < 0) return VAL_ERROR;
    Value it = val_iter(args[1]);
    if (IS_ERR(it)) return it;
    for (;;) {
        Value line = val_next(it);
        if (IS_UNDEF(line)) break;
        int rc = IS_ERR(line) ? -1 : write_str(args[0], line);
        val_decref(line);
        if (rc < 0) {
            val_decref(it);
            return VAL_ERROR;
        }
    }
    val_decref(it);
    return NONE_VAL;
}

// ------------------------------------------------------------ the rest

static void file_close(ObjFile *f) {
    if (f->closed) return;
    f->closed = true;
    if (f->owns_fp) fclose(f->fp);
    else fflush(f->fp);
    f->fp = NULL;
}

static Value m_close(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("close", nargs - 1, kw) < 0) return VAL_ERROR;
    file_close(FILE_OF(args[0]));
    return NONE_VAL;
}

static Value m_flush(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("flush", nargs - 1, kw) < 0) return VAL_ERROR;
    return file_flush(args[0]) < 0 ? VAL_ERROR : NONE_VAL;
}

// The raw layer's check: its message has no final period.
static int check_open_raw(ObjFile *f) {
    if (!f->closed) return 0;
    exc_raise(exc_ValueError, "I/O operation on closed file");
    return -1;
}

// CPython answers readable()/writable() on a closed file with False when
// the mode lacks that capability, and raises only when it has it.
static Value m_readable(int nargs, Value *args, const KwArgs *kw) {
    ObjFile *f = FILE_OF(args[0]);
    if (args_none("readable", nargs - 1, kw) < 0 || (f->readable && check_open_raw(f) < 0)) return VAL_ERROR;
    return BOOL_VAL(f->readable);
}

static Value m_writable(int nargs, Value *args, const KwArgs *kw) {
    ObjFile *f = FILE_OF(args[0]);
    if (args_none("writable", nargs - 1, kw) < 0 || (f->writable && check_open_raw(f) < 0)) return VAL_ERROR;
    return BOOL_VAL(f->writable);
}

static Value m_fileno(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("fileno", nargs - 1, kw) < 0 || check_open_raw(FILE_OF(args[0])) < 0) return VAL_ERROR;
    return INT_VAL(fileno(FILE_OF(args[0])->fp));
}

static Value m_isatty(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("isatty", nargs - 1, kw) < 0 || check_open_raw(FILE_OF(args[0])) < 0) return VAL_ERROR;
    return BOOL_VAL(isatty(fileno(FILE_OF(args[0])->fp)));
}

static Value m_tell(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("tell", nargs - 1, kw) < 0 || check_open(FILE_OF(args[0])) < 0) return VAL_ERROR;
    long pos = ftell(FILE_OF(args[0])->fp);
    if (pos < 0) return exc_raise(exc_class_for_kind(ERR_OS), "[Errno %d] %s", errno, strerror(errno));
    return INT_VAL(pos);
}

static Value m_seek(int nargs, Value *args, const KwArgs *kw) {
    if (arg_no_kwargs("seek", kw) < 0 || arg_check_count("seek", nargs - 1, 1, 2) < 0) return VAL_ERROR;
    ObjFile *f = FILE_OF(args[0]);
    int64_t off, whence = 0;
    if (check_open(f) < 0 || arg_int(args[1], "offset", &off) < 0) return VAL_ERROR;
    if (nargs > 2 && arg_int(args[2], "whence", &whence) < 0) return VAL_ERROR;
    if (whence < 0 || whence > 2) return exc_raise(exc_ValueError, "invalid whence (%lld, should be 0, 1 or 2)", (long long)whence);
    if (whence != 0 && off != 0) return unsupported("can't do nonzero cur-relative seeks");
    fflush(f->fp);
    if (fseek(f->fp, (long)off, (int)whence) < 0)
        return exc_raise(exc_class_for_kind(ERR_OS), "[Errno %d] %s", errno, strerror(errno));
    f->last_write = false;
    return INT_VAL(ftell(f->fp));
}

static Value m_enter(int nargs, Value *args, const KwArgs *kw) {
    if (args_none("__enter__", nargs - 1, kw) < 0 || check_open(FILE_OF(args[0])) < 0) return VAL_ERROR;
    return val_incref(args[0]);
}

static Value m_exit(int nargs, Value *args, const KwArgs *kw) {
    (void)nargs; (void)kw;
    file_close(FILE_OF(args[0]));
    return NONE_VAL;
}

static const NativeMethodDef file_methods[] = {
    {"read", m_read, "Read at most size characters from stream; all of it when size is omitted."},
    {"readline", m_readline, "Read until newline or EOF."},
    {"readlines", m_readlines, "Return a list of lines from the stream."},
    {"write", m_write, "Write string to stream. Returns the number of characters written."},
    {"writelines", m_writelines, "Write a list of lines to stream."},
    {"close", m_close, "Flush and close the IO object."},
    {"flush", m_flush, "Flush write buffers."},
    {"readable", m_readable, "Return whether object was opened for reading."},
    {"writable", m_writable, "Return whether object was opened for writing."},
    {"fileno", m_fileno, "Return the underlying file descriptor."},
    {"isatty", m_isatty, "Return whether this is an 'interactive' stream."},
    {"tell", m_tell, "Return current stream position."},
    {"seek", m_seek, "Change stream position."},
    {"__enter__", m_enter, NULL},
    {"__exit__", m_exit, NULL},
    {NULL, NULL, NULL},
};

static Value get_name(Value self) { return val_incref(FILE_OF(self)->name); }
static Value get_mode(Value self) { return str_value(FILE_OF(self)->mode); }
static Value get_closed(Value self) { return BOOL_VAL(FILE_OF(self)->closed); }
static Value get_encoding(Value self) { return str_value(FILE_OF(self)->encoding); }

static const NativeGetSetDef file_getset[] = {
    {"name", get_name, NULL, NULL},
    {"mode", get_mode, NULL, NULL},
    {"closed", get_closed, NULL, NULL},
    {"encoding", get_encoding, NULL, NULL},
    {NULL, NULL, NULL, NULL},
};

static void file_dealloc(Obj *o) {
    ObjFile *f = (ObjFile *)o;
    file_close(f);
    val_decref(f->name);
}

static Value file_repr(Value self) {
    ObjFile *f = FILE_OF(self);
    StrBuf sb = STRBUF_INIT;
    sb_append(&sb, "<_io.TextIOWrapper name=");
    if (val_repr_to(f->name, &sb) < 0) {
        sb_free(&sb);
        return VAL_ERROR;
    }
    sb_printf(&sb, " mode='%s' encoding='%s'>", f->mode, f->encoding);
    return str_from_buf(&sb);
}

static Value file_iter(Value self) {
    if (check_open(FILE_OF(self)) < 0) return VAL_ERROR;
    return val_incref(self);
}

static Value file_next(Value self) {
    Value line = read_text(FILE_OF(self), -1, true);
    if (IS_ERR(line)) return line;
    if (AS_STR(line)->len == 0) {
        val_decref(line);
        return VAL_UNDEFINED;
    }
    return line;
}

static Value file_enter(Value self) {
    if (check_open(FILE_OF(self)) < 0) return VAL_ERROR;
    return val_incref(self);
}

static Value file_exit(Value self, Value exc_type, Value exc, Value tb) {
    (void)exc_type; (void)exc; (void)tb;
    file_close(FILE_OF(self));
    return NONE_VAL;
}

TypeObj type_file = {
    .name = "TextIOWrapper", .module_name = "_io", .is_native = true, .is_abstract_native = true,
    .instance_size = sizeof(ObjFile), .dealloc = file_dealloc, .repr = file_repr,
    .iter = file_iter, .next = file_next, .enter = file_enter, .exit = file_exit,
    .methods = file_methods, .getset = file_getset,
    .doc = "Character and line based layer over a buffered stream.",
};

void file_type_init(void) { type_ready(&type_file); }

// ------------------------------------------------------------ opening

static ObjFile *file_new(FILE *fp, Value name, const char *mode, const char *encoding) {
    ObjFile *f = (ObjFile *)obj_alloc(&type_file, sizeof(ObjFile));
    if (!f) return NULL;
    f->fp = fp;
    f->name = val_incref(name);
    snprintf(f->mode, sizeof f->mode, "%s", mode);
    f->encoding = encoding;
    f->owns_fp = true;
    return f;
}

// Checks [mode] as CPython's open() does; fills the open(2) flags and the
// fdopen mode. 0 or -1 with ValueError.
static int parse_mode(const char *mode, int *flags, char cmode[4], bool *rd, bool *wr) {
    int r = 0, w = 0, a = 0, x = 0, plus = 0, t = 0, b = 0;
    for (const char *p = mode; *p; p++) {
        int *slot = *p == 'r' ? &r : *p == 'w' ? &w : *p == 'a' ? &a : *p == 'x' ? &x
                  : *p == '+' ? &plus : *p == 't' ? &t : *p == 'b' ? &b : NULL;
        if (!slot || *slot) {
            exc_raise(exc_ValueError, "invalid mode: '%s'", mode);
            return -1;
        }
        *slot = 1;
    }
    if (t && b) {
        exc_raise(exc_ValueError, "can't have text and binary mode at once");
        return -1;
    }
    if (r + w + a + x > 1) {
        exc_raise(exc_ValueError, "must have exactly one of create/read/write/append mode");
        return -1;
    }
    if (r + w + a + x == 0) {   // CPython's FileIO words for this one
        exc_raise(exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
        return -1;
    }
    *rd = r || plus;
    *wr = !r || plus;
    *flags = (*rd && *wr) ? O_RDWR : *rd ? O_RDONLY : O_WRONLY;
    if (w) *flags |= O_CREAT | O_TRUNC;
    if (a) *flags |= O_CREAT | O_APPEND;
    if (x) *flags |= O_CREAT | O_EXCL;
    snprintf(cmode, 4, "%c%s", a ? 'a' : r ? 'r' : 'w', plus ? "+" : "");
    return 0;
}

Value file_open(Value path, const char *mode) {
    if (!val_is_str(path))
        return exc_raise(exc_TypeError, "expected str, bytes or os.PathLike object, not %s", val_type_name(path));
    int flags;
    char cmode[4];
    bool rd, wr;
    if (parse_mode(mode, &flags, cmode, &rd, &wr) < 0) return VAL_ERROR;
    const char *p = val_cstr(path);
    int fd = open(p, flags | O_CLOEXEC, 0666);
    if (fd < 0) return file_raise_errno(errno, p);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return file_raise_errno(EISDIR, p);
    }
    FILE *fp = fdopen(fd, cmode);
    if (!fp) {
        int err = errno;
        close(fd);
        return file_raise_errno(err, p);
    }
    ObjFile *f = file_new(fp, path, mode, "UTF-8");
    if (!f) {
        fclose(fp);
        return VAL_ERROR;
    }
    f->readable = rd;
    f->writable = wr;
    return OBJ_VAL(f);
}

Value file_std_stream(int which) {
    static ObjFile *streams[3];
    static const char *names[3] = {"<stdin>", "<stdout>", "<stderr>"};
    if (which < 0 || which > 2) which = 1;
    if (!streams[which]) {
        type_ready(&type_file);
        FILE *fp = which == 0 ? stdin : which == 1 ? stdout : stderr;
        Value name = str_value(names[which]);
        streams[which] = file_new(fp, name, which == 0 ? "r" : "w", "utf-8");
        val_decref(name);
        if (!streams[which]) return NONE_VAL;
        streams[which]->owns_fp = false;
        streams[which]->readable = which == 0;
        streams[which]->writable = which != 0;
        streams[which]->base.refcnt = 1 << 30;   // shared for the whole run
    }
    return OBJ_VAL(streams[which]);
}
