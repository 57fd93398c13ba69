// list.sort() and sorted(): a stable merge sort that compares with `<`
// only (val_compare CMP_LT + val_truthy), so user classes defining __lt__
// sort as in CPython. Fast paths compare ints, floats and strs directly.
#ifndef TL_VM_SORT_H
#define TL_VM_SORT_H

#include <stdbool.h>

#include "vm/object.h"

// Sorts [l] in place. [key]: a callable, or VAL_NONE / VAL_UNDEF for none.
// [reverse] keeps equal items in their original order, as CPython does.
// 0, or -1 with a pending error (the list then holds every item, in some
// order); "ValueError: list modified during sort" if [key] or __lt__ changed it.
int list_sort(ObjList *l, Value key, bool reverse);

#endif
