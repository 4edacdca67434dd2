/* Tagged values. A Value is one machine word:
 *
 *   ...xxxxxxx1   small int, the word shifted right by one (31 bits on 32-bit targets)
 *   ...xxxxxx10   immediate constant (None, True, False, Ellipsis, internal markers)
 *   ...xxxxxx00   pointer to an object (heap or const/flash)
 */
#ifndef VIPER_VALUE_H
#define VIPER_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uintptr_t Value;
typedef intptr_t vint;            /* the C type of a small int's value */

#define VINT_BITS   ((int)(sizeof(vint) * 8 - 1))
#define VINT_MAX    ((vint)(INTPTR_MAX >> 1))
#define VINT_MIN    ((vint)(INTPTR_MIN >> 1))

#define IS_INT(v)        (((v) & 1u) != 0)
#define AS_INT(v)        ((vint)(v) >> 1)
#define INT_VAL(i)       ((Value)(((uintptr_t)(vint)(i) << 1) | 1u))
#define INT_FITS(i)      ((i) >= VINT_MIN && (i) <= VINT_MAX)

#define IS_OBJ(v)        (((v) & 3u) == 0)
#define AS_OBJ(v)        ((Obj *)(v))
#define OBJ_VAL(o)       ((Value)(o))

#define IMM(n)           ((Value)(((n) << 2) | 2u))
#define NONE_VAL         IMM(0)
#define FALSE_VAL        IMM(1)
#define TRUE_VAL         IMM(2)
#define ELLIPSIS_VAL     IMM(3)
#define UNBOUND_VAL      IMM(4)     /* an unset local slot */
#define EXC_VAL          IMM(5)     /* "an exception is pending in vm->exc" */
#define DELETED_VAL      IMM(6)     /* a removed dict entry */
#define STOP_VAL         IMM(7)     /* an exhausted iterator */

#define IS_NONE(v)       ((v) == NONE_VAL)
#define IS_BOOL(v)       ((v) == TRUE_VAL || (v) == FALSE_VAL)
#define BOOL_VAL(b)      ((b) ? TRUE_VAL : FALSE_VAL)
#define AS_BOOL(v)       ((v) == TRUE_VAL)

/* int or bool: Python's bool is a subclass of int. */
#define IS_INTLIKE(v)    (IS_INT(v) || IS_BOOL(v))
#define AS_INTLIKE(v)    (IS_INT(v) ? AS_INT(v) : (vint)((v) == TRUE_VAL))

#endif
