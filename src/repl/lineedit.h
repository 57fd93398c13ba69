// Line editing for the REPL through libedit's readline API, loaded with
// dlopen on first use: scripts and `tl -c` never pay for loading it (start-up
// time), and without libedit the REPL still works on plain stdin.
#ifndef TL_REPL_LINEEDIT_H
#define TL_REPL_LINEEDIT_H

#include <stdbool.h>

typedef char *(*CompletionGenerator)(const char *text, int state);

// True when libedit was loaded (false: plain line reading, no history).
bool le_init(void);
// Reads a line with [prompt]; malloc'd without the newline, or NULL at EOF
// or on Ctrl-C (errno EINTR / tl_interrupted set).
char *le_readline(const char *prompt);
void le_history_load(const char *path);
void le_history_add(const char *line, const char *path);
// Installs Tab completion: [generator] is called as readline's
// rl_completion_matches generator for the word before the cursor.
void le_set_completion(CompletionGenerator generator, const char *word_breaks);

#endif
