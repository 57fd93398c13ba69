// UTF-8 walking and Unicode character classes for the str type. ASCII is
// answered from tables of our own; beyond ASCII the letter classes and case
// maps come from glibc's C.UTF-8 locale (a locale_t of our own, so the
// process locale is untouched), corrected where CPython's Unicode database
// differs (spaces, format chars, decimal digits of other scripts).
#include <locale.h>
#include <stdlib.h>
#include <wctype.h>

#include "vm/str_internal.h"

// ---------------------------------------------------------------- UTF-8

uint32_t utf8_decode(const char *s, int64_t pos, int64_t len) {
    const unsigned char *p = (const unsigned char *)s + pos;
    uint32_t c = p[0];
    if (c < 0x80) return c;
    int64_t end = utf8_next(s, pos, len);
    int n = (int)(end - pos);
    int want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n != want) return 0xFFFD;
    uint32_t cp = c & (0x7F >> want);
    for (int i = 1; i < n; i++) cp = (cp << 6) | (p[i] & 0x3F);
    return cp;
}

int utf8_encode(uint32_t cp, char *out) {
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int64_t utf8_count(const char *s, int64_t len) {
    int64_t n = len > 0;
    for (int64_t i = 1; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

// ------------------------------------------- char index of long strings
// Indexing a long non-ASCII string by code point would walk it from an end
// every time (a char-RNN loop slices one big text thousands of times), so
// the few most recently indexed strings keep the byte offset of every
// INDEX_STRIDE-th char. str_index_forget() drops an entry when its string dies.
#define INDEX_STRIDE 64
#define INDEX_MIN_CHARS 512
#define INDEX_SLOTS 8

typedef struct {
    const ObjStr *s;
    int64_t *offs;      // offs[k] = byte offset of char k * INDEX_STRIDE
} CharIndex;

static CharIndex index_cache[INDEX_SLOTS];
static int index_victim;

static bool wants_index(const ObjStr *s) {
    return !str_is_ascii(s) && s->nchars >= INDEX_MIN_CHARS;
}

// The offsets table of [s], or NULL (out of memory: callers walk instead).
static const int64_t *char_index(const ObjStr *s) {
    for (int i = 0; i < INDEX_SLOTS; i++)
        if (index_cache[i].s == s) return index_cache[i].offs;
    int64_t n = s->nchars / INDEX_STRIDE + 1;
    int64_t *offs = malloc((size_t)n * sizeof *offs);
    if (!offs) return NULL;
    int64_t pos = 0;
    for (int64_t k = 0; k < n; k++) {
        offs[k] = pos;
        for (int j = 0; j < INDEX_STRIDE && pos < s->len; j++) pos = utf8_next(s->data, pos, s->len);
    }
    CharIndex *slot = &index_cache[index_victim];
    index_victim = (index_victim + 1) % INDEX_SLOTS;
    free(slot->offs);
    slot->s = s;
    slot->offs = offs;
    return offs;
}

void str_index_forget(const ObjStr *s) {
    if (!wants_index(s)) return;
    for (int i = 0; i < INDEX_SLOTS; i++) {
        if (index_cache[i].s == s) {
            free(index_cache[i].offs);
            index_cache[i] = (CharIndex){NULL, NULL};
        }
    }
}

int64_t str_offset_of(const ObjStr *s, int64_t ci) {
    if (str_is_ascii(s) || ci <= 0) return ci <= 0 ? 0 : ci;
    if (ci >= s->nchars) return s->len;
    const int64_t *idx = wants_index(s) ? char_index(s) : NULL;
    int64_t pos;
    if (idx) {
        pos = idx[ci / INDEX_STRIDE];
        for (int64_t i = ci % INDEX_STRIDE; i > 0; i--) pos = utf8_next(s->data, pos, s->len);
    } else if (ci <= s->nchars / 2) {
        pos = 0;
        for (int64_t i = 0; i < ci; i++) pos = utf8_next(s->data, pos, s->len);
    } else {
        pos = s->len;
        for (int64_t i = s->nchars; i > ci; i--) pos = utf8_prev(s->data, pos);
    }
    return pos;
}

int64_t str_index_of(const ObjStr *s, int64_t bo) {
    if (str_is_ascii(s)) return bo;
    const int64_t *idx = wants_index(s) ? char_index(s) : NULL;
    if (!idx) return utf8_count(s->data, bo);
    int64_t lo = 0, hi = s->nchars / INDEX_STRIDE;   // largest k with idx[k] <= bo
    while (lo < hi) {
        int64_t mid = (lo + hi + 1) / 2;
        if (idx[mid] <= bo) lo = mid;
        else hi = mid - 1;
    }
    return lo * INDEX_STRIDE + utf8_count(s->data + idx[lo], bo - idx[lo]);
}

// ------------------------------------------------------ Unicode classes

static locale_t utf8_locale(void) {
    static locale_t loc;
    static bool tried;
    if (!tried) {
        tried = true;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

// Combining marks (Mn, Mc, Me): glibc calls many of them letters, CPython
// does not (they may continue an identifier but not start one).
static bool is_combining(uint32_t c) {
    static wctype_t cls;
    static bool tried;
    locale_t l = utf8_locale();
    if (!l) return false;
    if (!tried) {
        tried = true;
        cls = wctype_l("combining", l);
    }
    return cls && iswctype_l((wint_t)c, cls, l);
}

// The first code point of each run of ten decimal digits (category Nd) in
// the BMP and the commonest supplementary blocks; glibc calls most of them
// letters.
static const uint32_t decimal_runs[] = {
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
    0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810,
    0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0,
    0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x11066, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
};

bool uchar_isdecimal(uint32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    for (size_t i = 0; i < sizeof decimal_runs / sizeof *decimal_runs; i++)
        if (c >= decimal_runs[i] && c < decimal_runs[i] + 10) return true;
    return false;
}

// Numeric_Type=Digit: superscripts, circled and parenthesized digits...
bool uchar_isdigit(uint32_t c) {
    if (uchar_isdecimal(c)) return true;
    return c == 0xB2 || c == 0xB3 || c == 0xB9 || c == 0x2070 || (c >= 0x2074 && c <= 0x2079) ||
           (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468) ||
           (c >= 0x2474 && c <= 0x247C) || (c >= 0x2488 && c <= 0x2490) || c == 0x24EA ||
           (c >= 0x24F5 && c <= 0x24FD) || c == 0x24FF || (c >= 0x2776 && c <= 0x277E) ||
           (c >= 0x2780 && c <= 0x2788) || (c >= 0x278A && c <= 0x2792) ||
           (c >= 0x1369 && c <= 0x1371);
}

// Numeric: digits plus vulgar fractions, Roman numerals and CJK numerals.
bool uchar_isnumeric(uint32_t c) {
    if (uchar_isdigit(c)) return true;
    static const uint32_t cjk[] = {0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                   0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E,
                                   0x5343, 0x4E07, 0x5104, 0x96F6};
    for (size_t i = 0; i < sizeof cjk / sizeof *cjk; i++)
        if (c == cjk[i]) return true;
    return (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x2189) ||
           (c >= 0x2469 && c <= 0x2473) || (c >= 0x247D && c <= 0x2487) ||
           (c >= 0x2491 && c <= 0x249B) || (c >= 0x24EB && c <= 0x24F4) ||
           (c >= 0x3021 && c <= 0x3029);
}

bool uchar_isspace(uint32_t c) {
    if (c < 0x80) return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool uchar_islinebreak(uint32_t c) {
    return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

bool uchar_isalpha(uint32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    // digits and letter-numbers (Nd, No, Nl) are not letters to CPython
    if (uchar_isdigit(c) || (c >= 0x2160 && c <= 0x2188) || c == 0x3007 ||
        (c >= 0x3021 && c <= 0x3029) || is_combining(c))
        return false;
    locale_t l = utf8_locale();
    return l && iswalpha_l((wint_t)c, l);
}

bool uchar_isupper(uint32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    locale_t l = utf8_locale();
    return l && iswupper_l((wint_t)c, l) && !uchar_istitle(c);
}

bool uchar_islower(uint32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    if (c == 0xAA || c == 0xBA) return true;   // ª º are Other_Lowercase
    locale_t l = utf8_locale();
    return l && iswlower_l((wint_t)c, l) && !uchar_istitle(c);
}

// The titlecase digraphs (Lt) and Greek capitals with prosgegrammeni.
bool uchar_istitle(uint32_t c) {
    return c == 0x1C5 || c == 0x1C8 || c == 0x1CB || c == 0x1F2 ||
           (c >= 0x1F88 && c <= 0x1F8F) || (c >= 0x1F98 && c <= 0x1F9F) ||
           (c >= 0x1FA8 && c <= 0x1FAF) || c == 0x1FBC || c == 0x1FCC || c == 0x1FFC;
}

bool uchar_iscased(uint32_t c) {
    return uchar_isupper(c) || uchar_islower(c) || uchar_istitle(c);
}

// Format characters (category Cf) that glibc reports as printable.
static bool is_format_char(uint32_t c) {
    return c == 0xAD || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F ||
           c == 0x180E || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2064) || (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF ||
           (c >= 0xFFF9 && c <= 0xFFFB) || c == 0x110BD || (c >= 0x1BCA0 && c <= 0x1BCA3) ||
           (c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 || (c >= 0xE0020 && c <= 0xE007F);
}

// CPython's notion used by repr(): everything but categories Cc, Cf, Cs,
// Co, Cn, Zl, Zp and Zs (the ASCII space excepted).
bool uchar_isprintable(uint32_t c) {
    if (c < 0x7F) return c >= 0x20;
    if (c < 0xA0) return false;
    if (uchar_isspace(c) || is_format_char(c)) return false;
    if ((c >= 0xD800 && c <= 0xF8FF) || c >= 0xF0000 || c > 0x10FFFF) return false;
    locale_t l = utf8_locale();
    return !l || iswprint_l((wint_t)c, l);
}

bool uchar_isidstart(uint32_t c) {
    if (c < 0x80) return c == '_' || uchar_isalpha(c);
    return uchar_isalpha(c) || (c >= 0x2160 && c <= 0x2188) || c == 0x3007 ||
           (c >= 0x3021 && c <= 0x3029);   // letter numbers may start one
}

bool uchar_isidcontinue(uint32_t c) {
    if (c < 0x80) return c == '_' || uchar_isalpha(c) || (c >= '0' && c <= '9');
    return uchar_isidstart(c) || uchar_isdecimal(c) || is_combining(c) || c == 0xB7;
}

uint32_t uchar_toupper(uint32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
    locale_t l = utf8_locale();
    return l ? (uint32_t)towupper_l((wint_t)c, l) : c;
}

uint32_t uchar_tolower(uint32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    locale_t l = utf8_locale();
    return l ? (uint32_t)towlower_l((wint_t)c, l) : c;
}

// Titlecase: the digraphs map to their Lt member, everything else to upper.
uint32_t uchar_totitle(uint32_t c) {
    if (c >= 0x1C4 && c <= 0x1CC) return c - (c - 0x1C4) % 3 + 1;
    if (c >= 0x1F1 && c <= 0x1F3) return 0x1F2;
    if (c >= 0x10D0 && c <= 0x10FF) return c;   // Georgian Mkhedruli titles as itself
    return uchar_toupper(c);
}

static void append_cp(StrBuf *sb, uint32_t c) {
    char buf[4];
    sb_append_n(sb, buf, (size_t)utf8_encode(c, buf));
}

// The special casings CPython applies that one-to-one maps cannot express.
void uchar_append_upper(uint32_t c, StrBuf *sb) {
    switch (c) {
    case 0xDF: sb_append(sb, "SS"); return;
    case 0xFB00: sb_append(sb, "FF"); return;
    case 0xFB01: sb_append(sb, "FI"); return;
    case 0xFB02: sb_append(sb, "FL"); return;
    case 0x149: append_cp(sb, 0x2BC); sb_append_char(sb, 'N'); return;
    default: append_cp(sb, uchar_toupper(c));
    }
}

void uchar_append_lower(uint32_t c, StrBuf *sb) {
    if (c == 0x130) {   // İ -> i + combining dot above
        sb_append_char(sb, 'i');
        append_cp(sb, 0x307);
        return;
    }
    append_cp(sb, uchar_tolower(c));
}

void uchar_append_title(uint32_t c, StrBuf *sb) {
    switch (c) {
    case 0xDF: sb_append(sb, "Ss"); return;
    case 0xFB01: sb_append(sb, "Fi"); return;
    case 0xFB02: sb_append(sb, "Fl"); return;
    default: append_cp(sb, uchar_totitle(c));
    }
}

// Case folding: lower case plus the foldings that differ from it.
void uchar_append_fold(uint32_t c, StrBuf *sb) {
    switch (c) {
    case 0xDF: sb_append(sb, "ss"); return;
    case 0xB5: append_cp(sb, 0x3BC); return;     // micro sign -> mu
    case 0x17F: sb_append_char(sb, 's'); return;  // long s
    case 0x3C2: append_cp(sb, 0x3C3); return;    // final sigma
    case 0xFB00: sb_append(sb, "ff"); return;
    case 0xFB01: sb_append(sb, "fi"); return;
    case 0xFB02: sb_append(sb, "fl"); return;
    default: uchar_append_lower(c, sb);
    }
}
