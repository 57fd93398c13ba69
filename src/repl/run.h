// Running code from files, strings and stdin, shared by main() and the REPL.
#ifndef TL_REPL_RUN_H
#define TL_REPL_RUN_H

#include <stdbool.h>

// Runs [text] as module __main__ named [filename]. Returns the process
// exit status: 0, 1 after an uncaught exception (traceback printed), or a
// SystemExit code.
int run_source(const char *text, const char *filename);
// Reads a whole file; NULL with errno set.
char *run_read_file(const char *path);
// Installs the import hook for .tl/.py modules.
void run_install_import_hook(void);
// Starts the interactive loop; returns the exit status.
int repl_main(void);

#endif
