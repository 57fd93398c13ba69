// The cycle collector: reference counting frees everything that is not in
// a cycle at once; this collector finds unreachable cycles among container
// objects (those whose type has traverse) by trial deletion, as CPython does.
#ifndef TL_VM_GC_H
#define TL_VM_GC_H

#include "vm/value.h"

void gc_track(Obj *o);
void gc_untrack(Obj *o);
// Runs a collection; returns the number of objects freed.
int64_t gc_collect(void);
// Called on container allocation: collects when enough new containers exist.
void gc_maybe_collect(void);
extern bool gc_enabled;

#endif
