// What the runner tells the sys module: the script's command line.
#ifndef TL_LIB_MOD_SYS_H
#define TL_LIB_MOD_SYS_H

// Sets sys.argv to [argc] strings of [argv] (copied; argv[0] is the
// script path, or '' in the REPL). May be called before or after `import sys`.
void lib_sys_set_argv(int argc, char **argv);

#endif
