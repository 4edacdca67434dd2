// The debug frames' payloads, byte for byte as docs/link-protocol.md#debugging lays them out,
// and the decoders' refusal of short, long and malformed payloads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DebugWireError, decodeEvaluation, decodeScopes, decodeStack, decodeStopped, decodeThreads, decodeVariables,
  encodeBreakpoints, encodeDebugSet, encodeEvaluate, encodeResume, encodeScopes, encodeStack, encodeVariables,
} from '../../main/debug/wire';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));
const str16 = (s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([b.length & 0xff, b.length >> 8]), b]).toString('hex'); };
const str8 = (s: string) => { const b = Buffer.from(s); return Buffer.concat([Buffer.from([b.length]), b]).toString('hex'); };

describe('debug requests', () => {
  it('encodes each request', () => {
    expect(hex(encodeDebugSet(0x03))).toBe('03');
    expect(hex(encodeBreakpoints('main.py', [3, 300]))).toBe(str16('main.py') + '02' + '0300' + '2c01');
    expect(hex(encodeBreakpoints('helper.py', []))).toBe(str16('helper.py') + '00');
    expect(hex(encodeResume(1, 0x12345678))).toBe('01' + '78563412');
    expect(hex(encodeStack(7, 2, 20))).toBe('07000000' + '0200' + '1400');
    expect(hex(encodeScopes(0x0102))).toBe('0201');
    expect(hex(encodeVariables(5, 100, 50))).toBe('05000000' + '64000000' + '3200');
    expect(hex(encodeEvaluate(0xffff, bytes('aabb')))).toBe('ffff' + 'aabb');
  });

  it('refuses what the wire cannot carry', () => {
    expect(() => encodeBreakpoints('main.py', Array.from({ length: 256 }, (_, i) => i + 1))).toThrow(DebugWireError);
    expect(() => encodeBreakpoints('main.py', [70000])).toThrow('line 70000 out of range');
    expect(() => encodeScopes(-1)).toThrow(DebugWireError);
    expect(() => encodeStack(1.5, 0, 0)).toThrow(DebugWireError);
  });
});

describe('DEBUG_STOPPED', () => {
  it('decodes a breakpoint stop', () => {
    expect(decodeStopped(bytes('00' + '01000000' + str16('main.py') + '0500')))
      .toEqual({ reason: 'breakpoint', thread: 1, file: 'main.py', line: 5 });
  });

  it('decodes an exception stop with its type and message', () => {
    expect(decodeStopped(bytes('03' + '02000000' + str16('helper.py') + '0c00' + str16('ValueError') + str16('bad é'))))
      .toEqual({ reason: 'exception', thread: 2, file: 'helper.py', line: 12, exception: { type: 'ValueError', message: 'bad é' } });
    expect(decodeStopped(bytes('04' + '02000000' + str16('m.py') + '0100' + str16('KeyError') + str16(''))).reason).toBe('raised');
  });

  it('refuses an unknown reason, a short payload and bytes left over', () => {
    expect(() => decodeStopped(bytes('09' + '01000000' + str16('main.py') + '0500'))).toThrow('unknown stop reason 9');
    expect(() => decodeStopped(bytes('00' + '01000000' + str16('main.py') + '05'))).toThrow(DebugWireError);
    expect(() => decodeStopped(bytes('03' + '01000000' + str16('main.py') + '0500'))).toThrow(/too short/);
    expect(() => decodeStopped(bytes('00' + '01000000' + str16('main.py') + '0500' + 'ff'))).toThrow('1 bytes left over');
    expect(() => decodeStopped(new Uint8Array())).toThrow(DebugWireError);
  });
});

describe('DEBUG_REPLY', () => {
  it('decodes threads', () => {
    expect(decodeThreads(bytes('02' + '01000000' + '01' + str8('MainThread') + '02000000' + '02' + str8('Thread-1')))).toEqual([
      { ident: 1, state: 'stopped', name: 'MainThread' }, { ident: 2, state: 'blocked', name: 'Thread-1' },
    ]);
    expect(() => decodeThreads(bytes('01' + '01000000' + '07' + str8('x')))).toThrow('unknown thread state 7');
    expect(() => decodeThreads(bytes('02' + '01000000' + '01' + str8('MainThread')))).toThrow(DebugWireError);
  });

  it('decodes a stack', () => {
    expect(decodeStack(bytes('0500' + '02' + '0300' + str16('main.py') + str16('f') + '0400' + '0100' + str16('main.py') + str16('<module>') + '0900')))
      .toEqual({ total: 5, frames: [{ id: 3, file: 'main.py', function: 'f', line: 4 }, { id: 1, file: 'main.py', function: '<module>', line: 9 }] });
  });

  it('decodes scopes', () => {
    expect(decodeScopes(bytes('02' + '00' + '0a000000' + '02000000' + '01' + '0b000000' + '10000000'))).toEqual([
      { kind: 'locals', reference: 10, count: 2 }, { kind: 'globals', reference: 11, count: 16 },
    ]);
    expect(() => decodeScopes(bytes('01' + '05' + '0a000000' + '02000000'))).toThrow('unknown scope kind 5');
  });

  it('decodes variables', () => {
    expect(decodeVariables(bytes('2c010000' + '01' + str16('0') + str16('int') + str16('7') + '00000000' + '00000000'))).toEqual({
      total: 300, variables: [{ name: '0', type: 'int', value: '7', reference: 0, children: 0 }],
    });
  });

  it('decodes an evaluation, a value or an exception', () => {
    expect(decodeEvaluation(bytes('01' + str16('list') + str16('[1, 2]') + '0c000000' + '02000000')))
      .toEqual({ ok: true, type: 'list', value: '[1, 2]', reference: 12, children: 2 });
    expect(decodeEvaluation(bytes('00' + str16('NameError') + str16("NameError: name 'q' is not defined") + '00000000' + '00000000')).ok).toBe(false);
    expect(() => decodeEvaluation(bytes('02' + str16('x') + str16('y') + '00000000' + '00000000'))).toThrow('bad ok byte 2');
  });

  it('never throws anything but a DebugWireError on any truncation of a valid reply', () => {
    const valid = bytes('0500' + '02' + '0300' + str16('main.py') + str16('f') + '0400' + '0100' + str16('main.py') + str16('<module>') + '0900');
    for (let n = 0; n < valid.length; n++) expect(() => decodeStack(valid.subarray(0, n))).toThrow(DebugWireError);
  });
});

describe('the shared link vectors (tests/vectors/link-frames.txt, read by the C tests too)', () => {
  const vectors = new Map(readFileSync(join(__dirname, '..', 'vectors', 'link-frames.txt'), 'utf8').split('\n')
    .filter(l => l.startsWith('frame debug-')).map(l => l.split(/\s+/)).map(([, name, , , payload]) => [name, payload === '-' ? '' : payload]));

  it('encodes the requests as the vectors have them', () => {
    expect(hex(encodeDebugSet(0x03))).toBe(vectors.get('debug-set-attached-uncaught'));
    expect(hex(encodeDebugSet(0))).toBe(vectors.get('debug-set-detach'));
    expect(hex(encodeBreakpoints('main.py', [3, 10]))).toBe(vectors.get('debug-breakpoints'));
    expect(hex(encodeBreakpoints('helper.py', []))).toBe(vectors.get('debug-breakpoints-clear'));
    expect(hex(encodeResume(1, 1))).toBe(vectors.get('debug-resume-next'));
    expect(hex(encodeStack(1, 0, 20))).toBe(vectors.get('debug-stack'));
    expect(hex(encodeScopes(1))).toBe(vectors.get('debug-scopes'));
    expect(hex(encodeVariables(3, 0, 0))).toBe(vectors.get('debug-variables'));
    expect(hex(encodeEvaluate(0xffff, bytes('56495052')))).toBe(vectors.get('debug-evaluate-globals'));
  });

  it('decodes the VM\'s frames of the vectors', () => {
    expect(decodeStopped(bytes(vectors.get('debug-stopped-breakpoint')!))).toEqual({ reason: 'breakpoint', thread: 1, file: 'main.py', line: 3 });
    expect(decodeStopped(bytes(vectors.get('debug-stopped-exception')!))).toEqual({
      reason: 'exception', thread: 2, file: 'main.py', line: 3, exception: { type: 'ValueError', message: 'too big: 2' },
    });
    expect(decodeThreads(bytes(vectors.get('debug-reply-threads')!))).toEqual([
      { ident: 1, state: 'stopped', name: 'MainThread' }, { ident: 2, state: 'blocked', name: 'Thread-1' },
    ]);
  });
});
