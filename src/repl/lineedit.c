#include "repl/lineedit.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef char **(*CompletionFn)(const char *, int, int);

static struct {
    bool loaded;
    char *(*readline)(const char *);
    int (*add_history)(const char *);
    int (*read_history)(const char *);
    int (*write_history)(const char *);
    void (*using_history)(void);
    void (*stifle_history)(int);
    char **(*completion_matches)(const char *, CompletionGenerator);
    CompletionFn *attempted_completion_function;
    int *attempted_completion_over;
    const char **basic_word_break_characters;
    int *completion_append_character;
} le;

static CompletionGenerator generator;

#define LOAD(field, name) (le.field = dlsym(h, name))

bool le_init(void) {
    if (le.loaded) return true;
    void *h = dlopen("libedit.so.2", RTLD_NOW | RTLD_GLOBAL);
    if (!h) return false;
    LOAD(readline, "readline");
    LOAD(add_history, "add_history");
    LOAD(read_history, "read_history");
    LOAD(write_history, "write_history");
    LOAD(using_history, "using_history");
    LOAD(stifle_history, "stifle_history");
    LOAD(completion_matches, "rl_completion_matches");
    LOAD(attempted_completion_function, "rl_attempted_completion_function");
    LOAD(attempted_completion_over, "rl_attempted_completion_over");
    LOAD(basic_word_break_characters, "rl_basic_word_break_characters");
    LOAD(completion_append_character, "rl_completion_append_character");
    le.loaded = le.readline && le.add_history;
    return le.loaded;
}

char *le_readline(const char *prompt) {
    if (le.loaded) return le.readline(prompt);
    fputs(prompt, stdout);
    fflush(stdout);
    size_t cap = 256, len = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    int c;
    while ((c = fgetc(stdin)) != EOF && c != '\n') {
        if (len + 1 == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        buf[len++] = (char)c;
    }
    if (c == EOF && len == 0) {
        free(buf);
        clearerr(stdin);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

void le_history_load(const char *path) {
    if (!le.loaded) return;
    if (le.using_history) le.using_history();
    if (le.stifle_history) le.stifle_history(10000);
    if (le.read_history) le.read_history(path);
}

void le_history_add(const char *line, const char *path) {
    if (!le.loaded || !*line) return;
    le.add_history(line);
    if (le.write_history && path && *path) le.write_history(path);
}

static char **attempt(const char *text, int start, int end) {
    (void)start;
    (void)end;
    if (le.attempted_completion_over) *le.attempted_completion_over = 1;
    return le.completion_matches(text, generator);
}

void le_set_completion(CompletionGenerator gen, const char *word_breaks) {
    if (!le.loaded || !le.completion_matches || !le.attempted_completion_function) return;
    generator = gen;
    *le.attempted_completion_function = attempt;
    if (le.basic_word_break_characters) *le.basic_word_break_characters = word_breaks;
    if (le.completion_append_character) *le.completion_append_character = '\0';
}
