/* Calls: binding arguments to a Python function's frame (positional, keyword, *args, **kwargs,
 * defaults, and CPython's messages when they do not fit), and calling everything else: natives,
 * built-in methods, classes, types, bound methods. The dispatch loop (interp.c) pushes frames
 * through call.h; C code calls through vm_call. */
#include <string.h>

#include "call.h"

static Value arg_count_error(VM *vm, const char *name, int min, int max, int given) {
  if (min == max)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes exactly %d argument%s (%d given)", name, min,
                        min == 1 ? "" : "s", given);
  if (given < min)
    return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at least %d argument%s (%d given)", name, min,
                        min == 1 ? "" : "s", given);
  return vm_raise_fmt(vm, &exc_TypeError, "%s() takes at most %d argument%s (%d given)", name, max,
                      max == 1 ? "" : "s", given);
}

/* "'a', 'b' and 'c'" of the parameter slots in [from, to) that are still unbound, into a str. */
static Value missing_names(VM *vm, ObjCode *code, Value *slots, int from, int to, int *count) {
  int i, n = 0, k = 0;
  for (i = from; i < to; i++) n += slots[i] == UNBOUND_VAL;
  vm_sb_reset(vm);
  for (i = from; i < to; i++) {
    if (slots[i] != UNBOUND_VAL) continue;
    if (k > 0) vm_sb_cstr(vm, n == 2 ? " and " : (k == n - 1 ? ", and " : ", "));
    vm_sb_add(vm, "'", 1);
    vm_sb_cstr(vm, AS_STR(code->local_names[i])->chars);
    vm_sb_add(vm, "'", 1);
    k++;
  }
  *count = n;
  return vm_sb_to_str(vm);
}

static bool missing_error(VM *vm, ObjCode *code, Value *slots, int from, int to, const char *kind) {
  int n;
  Value names = missing_names(vm, code, slots, from, to, &n);
  if (names == EXC_VAL) return false;
  vm_push_root(vm, names);
  vm_raise_fmt(vm, &exc_TypeError, "%s() missing %d required %s argument%s: %s", code->qualname->chars, n, kind,
               n == 1 ? "" : "s", AS_STR(names)->chars);
  vm_pop_root(vm);
  return false;
}

static bool too_many_error(VM *vm, ObjFunction *fn, int given, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  int ndef = IS_TUPLE(fn->defaults) ? (int)AS_TUPLE(fn->defaults)->len : 0, kwonly = 0, i, j;
  Value takes;
  for (i = 0; i < nkw; i++)
    for (j = code->argcount; j < code->argcount + code->kwonlyargcount; j++)
      if (IS_STR(kwnames->items[i]) && str_equal(AS_STR(code->local_names[j]), AS_STR(kwnames->items[i]))) kwonly++;
  vm_sb_reset(vm);
  if (ndef > 0) {
    vm_sb_cstr(vm, "from ");
    int_write(vm, code->argcount - ndef);
    vm_sb_cstr(vm, " to ");
  }
  int_write(vm, code->argcount);
  vm_sb_cstr(vm, code->argcount == 1 && ndef == 0 ? " positional argument" : " positional arguments");
  takes = vm_sb_to_str(vm);
  if (takes == EXC_VAL) return false;
  vm_push_root(vm, takes);
  if (kwonly > 0)
    vm_raise_fmt(vm, &exc_TypeError, "%s() takes %s but %d positional argument%s (and %d keyword-only argument%s) were given",
                 code->qualname->chars, AS_STR(takes)->chars, given, given == 1 ? "" : "s", kwonly, kwonly == 1 ? "" : "s");
  else
    vm_raise_fmt(vm, &exc_TypeError, "%s() takes %s but %d %s given", code->qualname->chars, AS_STR(takes)->chars, given,
                 given == 1 ? "was" : "were");
  vm_pop_root(vm);
  return false;
}

/* Bind the general way: keywords, defaults, *args, **kwargs. The argc values at slots[0..) are
 * npos positional ones then the keyword values named by kwnames. vm->sp is slots + argc. */
static bool bind_args(VM *vm, ObjFunction *fn, Value *slots, int argc, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  int npos = argc - nkw, nargs = code->argcount, nparams = nargs + code->kwonlyargcount, i, j;
  int top = code->nlocals > argc ? code->nlocals : argc;
  Value *kwvals = slots + top, *v;
  Value *varargs_slot = (code->flags & CODE_FLAG_VARARGS) ? &slots[nparams] : NULL;
  Value *varkw_slot = (code->flags & CODE_FLAG_VARKEYWORDS) ? &slots[nparams + (varargs_slot != NULL)] : NULL;
  Value extra;
  if (kwvals + nkw + code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  /* Keyword values move above the locals; every slot in between is reset. */
  memmove(kwvals, slots + npos, (size_t)nkw * sizeof(Value));
  for (v = slots + npos; v < kwvals; v++) *v = UNBOUND_VAL;
  vm->sp = kwvals + nkw;
  if (npos > nargs) {
    if (varargs_slot == NULL) return too_many_error(vm, fn, npos, nkw, kwnames);
    extra = tuple_new(vm, (uint32_t)(npos - nargs));
    if (extra == EXC_VAL) return false;
    memcpy(AS_TUPLE(extra)->items, slots + nargs, (size_t)(npos - nargs) * sizeof(Value));
    for (i = nargs; i < npos; i++) slots[i] = UNBOUND_VAL;
    *varargs_slot = extra;
  } else if (varargs_slot != NULL) {
    extra = tuple_new(vm, 0);
    if (extra == EXC_VAL) return false;
    *varargs_slot = extra;
  }
  if (varkw_slot != NULL) {
    extra = dict_new(vm);
    if (extra == EXC_VAL) return false;
    *varkw_slot = extra;
  }
  for (i = 0; i < nkw; i++) {
    Value name = kwnames->items[i];
    if (!IS_STR(name)) { vm_raise(vm, &exc_TypeError, "keywords must be strings"); return false; }
    for (j = code->posonlyargcount; j < nparams; j++)
      if (str_equal(AS_STR(code->local_names[j]), AS_STR(name))) break;
    if (j < nparams) {
      if (slots[j] != UNBOUND_VAL) {
        vm_raise_fmt(vm, &exc_TypeError, "%s() got multiple values for argument '%s'", code->qualname->chars,
                     AS_STR(name)->chars);
        return false;
      }
      slots[j] = kwvals[i];
    } else if (varkw_slot != NULL) {
      if (!dict_set(vm, AS_DICT(*varkw_slot), name, kwvals[i])) return false;
    } else {
      for (j = 0; j < code->posonlyargcount; j++)
        if (str_equal(AS_STR(code->local_names[j]), AS_STR(name))) break;
      if (j < code->posonlyargcount)
        vm_raise_fmt(vm, &exc_TypeError,
                     "%s() got some positional-only arguments passed as keyword arguments: '%s'",
                     code->qualname->chars, AS_STR(name)->chars);
      else
        vm_raise_fmt(vm, &exc_TypeError, "%s() got an unexpected keyword argument '%s'", code->qualname->chars,
                     AS_STR(name)->chars);
      return false;
    }
  }
  /* Defaults fill the positional parameters still unbound; then keyword-only defaults. */
  {
    int ndef = IS_TUPLE(fn->defaults) ? (int)AS_TUPLE(fn->defaults)->len : 0, first = nargs - ndef;
    bool missing = false;
    for (i = npos < nargs ? npos : nargs; i < nargs; i++) {
      if (slots[i] != UNBOUND_VAL) continue;
      if (i >= first && i - first < ndef) slots[i] = AS_TUPLE(fn->defaults)->items[i - first];
      else missing = true;
    }
    if (missing) return missing_error(vm, code, slots, 0, nargs, "positional");
    for (i = nargs; i < nparams; i++) {
      if (slots[i] != UNBOUND_VAL) continue;
      if (IS_DICT(fn->kwdefaults)) {
        Value d = dict_get_str(AS_DICT(fn->kwdefaults), AS_STR(code->local_names[i]));
        if (d != UNBOUND_VAL) { slots[i] = d; continue; }
      }
      missing = true;
    }
    if (missing) return missing_error(vm, code, slots, nargs, nparams, "keyword-only");
  }
  vm->sp = slots + code->nlocals;
  return true;
}

/* call.h: the general path of call_push_frame. */
bool call_push_frame_kw(VM *vm, ObjFunction *fn, int argc, int nkw, ObjTuple *kwnames) {
  ObjCode *code = fn->code;
  Value *slots = vm->sp - argc, *v;
  if (vm->frame_count >= vm->max_frames || slots + code->nlocals + code->stacksize > vm->stack_end) {
    vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  if (nkw == 0 && argc == code->argcount && code->kwonlyargcount == 0 &&
      (code->flags & (CODE_FLAG_VARARGS | CODE_FLAG_VARKEYWORDS)) == 0) {
    for (v = vm->sp; v < slots + code->nlocals; v++) *v = UNBOUND_VAL;
    vm->sp = slots + code->nlocals;
  } else {
    bool ok;
    if (kwnames != NULL) vm_push_root(vm, OBJ_VAL(kwnames));
    ok = bind_args(vm, fn, slots, argc, nkw, kwnames);
    if (kwnames != NULL) vm_pop_root(vm);
    if (!ok) return false;
  }
  call_enter_frame(vm, fn, slots);
  return true;
}

/* The index of keyword `name` in a native's space-separated kw list, or -1; *count gets the
 * number of names in the list. */
static int native_kw_index(const char *kw, const ObjStr *name, int *count) {
  int index = 0, found = -1;
  const char *p = kw;
  while (*p != '\0') {
    const char *q = p;
    while (*q != '\0' && *q != ' ') q++;
    if (found < 0 && name != NULL && (size_t)(q - p) == name->len && memcmp(p, name->chars, name->len) == 0)
      found = index;
    index++;
    p = *q == ' ' ? q + 1 : q;
  }
  *count = index;
  return found;
}

/* Call native fn with keywords: lay out [self] positional args, then one slot per kw name, in
 * fresh stack space above vm->sp (see NativeFn). args[-1] may be overwritten. */
static Value call_native_kw(VM *vm, const char *fname, NativeFn fn, const char *kw, Value self, int npos,
                            Value *args, int nkw, ObjTuple *kwnames) {
  int nslots = 0, i, has_self = self != UNBOUND_VAL;
  Value *area = vm->sp, *saved = vm->sp, r;
  if (kw == NULL) return vm_raise_fmt(vm, &exc_TypeError, "%s() takes no keyword arguments", fname);
  native_kw_index(kw, NULL, &nslots);
  if (area + has_self + npos + nslots > vm->stack_end)
    return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  if (has_self) *area++ = self;
  memcpy(area, args, (size_t)npos * sizeof(Value));
  for (i = 0; i < nslots; i++) area[npos + i] = UNBOUND_VAL;
  vm->sp = area + npos + nslots;
  if (strcmp(kw, NATIVE_KW_DICT) == 0 && nkw > 0) {   /* all keywords in one dict, like **kwargs */
    Value d = dict_new(vm);
    if (d == EXC_VAL) { vm->sp = saved; return EXC_VAL; }
    area[npos] = d;
    for (i = 0; i < nkw; i++) {
      if (!IS_STR(kwnames->items[i])) { vm->sp = saved; return vm_raise(vm, &exc_TypeError, "keywords must be strings"); }
      if (!dict_set(vm, AS_DICT(d), kwnames->items[i], args[npos + i])) { vm->sp = saved; return EXC_VAL; }
    }
    nkw = 0;
  }
  for (i = 0; i < nkw; i++) {
    Value name = kwnames->items[i];
    int n, k = IS_STR(name) ? native_kw_index(kw, AS_STR(name), &n) : -1;
    if (k < 0) {
      vm->sp = saved;
      if (!IS_STR(name)) return vm_raise(vm, &exc_TypeError, "keywords must be strings");
      return vm_raise_fmt(vm, &exc_TypeError, "'%s' is an invalid keyword argument for %s()", AS_STR(name)->chars, fname);
    }
    if (area[npos + k] != UNBOUND_VAL) {
      vm->sp = saved;
      return vm_raise_fmt(vm, &exc_TypeError, "%s() got multiple values for argument '%s'", fname, AS_STR(name)->chars);
    }
    area[npos + k] = args[npos + i];
  }
  r = fn(vm, npos + has_self, area - has_self);
  vm->sp = saved;
  return r;
}

static Value call_any(VM *vm, Value callee, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  int npos = argc - nkw;
  if (IS_BUILTIN(callee)) {
    const ObjBuiltin *b = AS_BUILTIN(callee);
    if (npos < b->min_args || (b->max_args >= 0 && npos > b->max_args))
      return arg_count_error(vm, b->name, b->min_args, b->max_args, npos);
    if (nkw > 0) return call_native_kw(vm, b->name, b->fn, b->kw, UNBOUND_VAL, npos, args, nkw, kwnames);
    if (b->kw != NULL) {   /* every keyword slot is UNBOUND_VAL */
      int nslots, i;
      Value *saved = vm->sp, r;
      native_kw_index(b->kw, NULL, &nslots);
      if (args + argc + nslots > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
      for (i = 0; i < nslots; i++) args[argc + i] = UNBOUND_VAL;
      vm->sp = args + argc + nslots;
      r = b->fn(vm, argc, args);
      vm->sp = saved;
      return r;
    }
    return b->fn(vm, argc, args);
  }
  if (IS_TYPE(callee, &bound_method_type) || IS_TYPE(callee, &method_descr_type)) {
    ObjBoundMethod *bm = (ObjBoundMethod *)AS_OBJ(callee);
    const MethodDef *m = bm->method;
    Value self = bm->self;
    if (OBJ_TYPE(callee) == &method_descr_type) {   /* list.append(lst, x): the first argument is self */
      if (npos < 1)
        return vm_raise_fmt(vm, &exc_TypeError, "unbound method %s.%s() needs an argument",
                            ((const Type *)AS_OBJ(bm->self))->name, m->name);
      self = descr_self(vm, bm, args[0]);
      if (self == UNBOUND_VAL) return EXC_VAL;
      args++;
      argc--;
      npos--;
    }
    if (npos < m->min_args || npos > m->max_args) {
      vm_sb_reset(vm);
      return arg_count_error(vm, m->name, m->min_args, m->max_args, npos);
    }
    if (nkw > 0 || m->kw != NULL) return call_native_kw(vm, m->name, m->fn, m->kw, self, npos, args, nkw, kwnames);
    args[-1] = self;   /* the callee slot becomes self */
    return m->fn(vm, argc + 1, args - 1);
  }
  if (IS_PYCLASS(callee)) return class_instantiate(vm, (ObjClass *)AS_OBJ(callee), argc, args, nkw, kwnames);
  if (IS_INSTANCE(callee)) {
    Value f = class_lookup(value_type(callee), AS_STR(str_intern(vm, "__call__", 8)));
    if (f != UNBOUND_VAL) {
      Value m = method_new(vm, callee, f);
      if (m == EXC_VAL) return EXC_VAL;
      return vm_call_kw(vm, m, argc, args, nkw, kwnames);
    }
  }
  if (IS_TYPE(callee, &method_type)) {
    Value *base = vm->sp, r;
    int i;
    if (vm->sp + argc + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
    *vm->sp++ = ((ObjMethod *)AS_OBJ(callee))->self;
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
    r = vm_call_kw(vm, ((ObjMethod *)AS_OBJ(callee))->fn, argc + 1, base, nkw, kwnames);
    vm->sp = base;
    return r;
  }
  if (IS_TYPE(callee, &type_type)) {
    extern Value type_call(VM *vm, const Type *type, int argc, Value *args);
    const Type *type = (const Type *)AS_OBJ(callee);
    if (type->make != NULL) return call_any(vm, OBJ_VAL(type->make), argc, args, nkw, kwnames);
    if (nkw > 0) {
      ObjStr *kw0 = IS_STR(kwnames->items[0]) ? AS_STR(kwnames->items[0]) : NULL;
      if (type == &dict_type && npos <= 1) {   /* dict(mapping, **kw) */
        Value d = type_call(vm, type, npos, args);
        int i;
        if (d == EXC_VAL) return EXC_VAL;
        vm_push_root(vm, d);
        for (i = 0; i < nkw; i++)
          if (!dict_set(vm, AS_DICT(d), kwnames->items[i], args[npos + i])) { vm_pop_root(vm); return EXC_VAL; }
        vm_pop_root(vm);
        return d;
      }
      if (type == &enumerate_type && npos + nkw <= 2) {   /* enumerate(iterable=it, start=n) */
        Value a[2] = {UNBOUND_VAL, INT_VAL(0)};
        int i;
        if (npos > 0) a[0] = args[0];
        if (npos > 1) a[1] = args[1];
        for (i = 0; i < nkw; i++) {
          ObjStr *k = IS_STR(kwnames->items[i]) ? AS_STR(kwnames->items[i]) : NULL;
          int slot = k == NULL ? -1 : strcmp(k->chars, "iterable") == 0 ? 0 : strcmp(k->chars, "start") == 0 ? 1 : -1;
          if (slot < 0 || slot < npos)
            return vm_raise_fmt(vm, &exc_TypeError, slot < 0 ? "'%s' is an invalid keyword argument for enumerate()" :
                                "argument for enumerate() given by name ('%s') and position (%d)", k != NULL ? k->chars : "?", slot + 1);
          a[slot] = args[npos + i];
        }
        if (a[0] == UNBOUND_VAL) return vm_raise(vm, &exc_TypeError, "enumerate() missing required argument 'iterable' (pos 1)");
        return type_call(vm, type, 2, a);   /* a's values are still on the VM stack in args */
      }
      /* int(x, base=b): the keyword is the second positional parameter */
      if (nkw == 1 && npos == 1 && kw0 != NULL &&
          ((type == &int_type && strcmp(kw0->chars, "base") == 0) ||
           (type == &enumerate_type && strcmp(kw0->chars, "start") == 0)))
        return type_call(vm, type, 2, args);
      return vm_raise_fmt(vm, &exc_TypeError, "%s() takes no keyword arguments", type->name);
    }
    return type_call(vm, type, argc, args);
  }
  if (IS_OBJ(callee) && OBJ_TYPE(callee)->methods != NULL) {   /* a native object with __call__ (machine.Pin) */
    Value name = str_intern(vm, "__call__", 8), bm;
    const MethodDef *m = name == EXC_VAL ? NULL : methods_find(OBJ_TYPE(callee)->methods, AS_STR(name));
    if (m != NULL) {
      if ((bm = bound_method_new(vm, callee, m)) == EXC_VAL) return EXC_VAL;
      return call_any(vm, bm, argc, args, nkw, kwnames);
    }
  }
  return vm_raise_fmt(vm, &exc_TypeError, "'%t' object is not callable", callee);
}

/* call.h: every callable but a Python function. Debug builds check here that every native
 * leaves the temporary roots as it found them. */
Value call_native(VM *vm, Value callee, int argc, Value *args, int nkw, ObjTuple *kwnames) {
#if VIPER_DEBUG
  RootMark mark = gc_root_mark(vm);
  Value r = call_any(vm, callee, argc, args, nkw, kwnames);
  gc_root_check(vm, mark);
  return r;
#else
  return call_any(vm, callee, argc, args, nkw, kwnames);
#endif
}

/* ==== from C ============================================================================= */

Value vm_call(VM *vm, Value callable, int argc, Value *args) { return vm_call_kw(vm, callable, argc, args, 0, NULL); }

Value vm_call_kw(VM *vm, Value callable, int argc, Value *args, int nkw, ObjTuple *kwnames) {
  Value result = NONE_VAL, *saved = vm->sp;
  int i;
  if (vm->sp + argc + 2 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = callable;
  if (IS_TYPE(callable, &method_type)) {   /* a bound Python method: self goes first */
    ObjMethod *m = (ObjMethod *)AS_OBJ(callable);
    saved[0] = m->fn;
    *vm->sp++ = m->self;
    callable = m->fn;
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
    argc++;
  } else {
    for (i = 0; i < argc; i++) *vm->sp++ = args[i];
  }
  if (IS_FUNCTION(callable)) {
    int base = vm->frame_count;
    if (!call_push_frame_kw(vm, AS_FUNCTION(callable), argc, nkw, kwnames)) { vm->sp = saved; return EXC_VAL; }
    if (vm_execute(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
    vm->sp = saved;
    return result;
  }
  result = call_native(vm, callable, argc, saved + 1, nkw, kwnames);
  vm->sp = saved;
  return result;
}

/* Run function fn (no arguments) with ns as its LOAD_NAME/STORE_NAME namespace: a class body. */
Value call_class_body(VM *vm, Value fn, ObjDict *ns) {
  Value result = NONE_VAL, *saved = vm->sp;
  int base = vm->frame_count;
  if (!IS_FUNCTION(fn)) return vm_raise(vm, &exc_TypeError, "class body is not a function");
  if (vm->sp + 1 > vm->stack_end) return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = fn;
  if (!call_push_frame_kw(vm, AS_FUNCTION(fn), 0, 0, NULL)) { vm->sp = saved; return EXC_VAL; }
  vm->frames[vm->frame_count - 1].ns = ns;
  if (vm_execute(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
  vm->sp = saved;
  return result;
}

/* Run a module body: code c with module m's dict as its globals, m in the slot below the frame. */
Value call_module_body(VM *vm, ObjCode *c, Value m) {
  Value result, *saved = vm->sp, *v;
  Frame *f;
  int base = vm->frame_count;
  if (vm->frame_count >= vm->max_frames || vm->sp + 1 + c->nlocals + c->stacksize > vm->stack_end)
    return vm_raise(vm, &exc_RecursionError, "maximum recursion depth exceeded");
  *vm->sp++ = m;
  f = &vm->frames[vm->frame_count++];
  f->code = c;
  f->ip = c->code;
  f->slots = vm->sp;
  f->globals = AS_MODULE(m)->dict;
  f->ns = f->globals;
  f->nblocks = 0;
  for (v = vm->sp; v < vm->sp + c->nlocals; v++) *v = UNBOUND_VAL;
  vm->sp += c->nlocals;
  if (vm_execute(vm, base, &result) != VM_OK) { vm->sp = saved; return EXC_VAL; }
  vm->sp = saved;
  return m;
}
