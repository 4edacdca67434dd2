// Image format constants shared with the VM (generated into vm-firmware/core/gen/image_format.h).
// The layout itself is specified in docs/image-format.md.

export const IMAGE_MAGIC = [0x56, 0x49, 0x50, 0x52] as const; // "VIPR"
export const IMAGE_FORMAT_VERSION = 8;
export const IMAGE_HEADER_SIZE = 16;

/** Tag byte in front of every constant. */
export const CONST_KINDS = ['NONE', 'TRUE', 'FALSE', 'ELLIPSIS', 'INT', 'BIGINT', 'FLOAT', 'STR', 'BYTES',
  'CODE', 'TUPLE'] as const;
export type ConstKind = typeof CONST_KINDS[number];
export function constKind(name: ConstKind): number { return CONST_KINDS.indexOf(name); }

/** Bits of a code object's flags byte. */
export const CODE_FLAGS = {
  MODULE: 0x01,   // module body: names resolve through LOAD_NAME/STORE_NAME
  VARARGS: 0x02,  // takes *args
  VARKEYWORDS: 0x04, // takes **kwargs
  GENERATOR: 0x08,
  COROUTINE: 0x10,   // async def (with GENERATOR): calling it makes a coroutine
  ITERABLE_COROUTINE: 0x20, // never in an image: types.coroutine sets it, so its generators are awaitable
  DOC: 0x80,      // consts[0] is the function's docstring (f.__doc__)
} as const;
