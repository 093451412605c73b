/**
 * `.npy` reading and writing against files NumPy wrote (test/fixtures/npy/, made by
 * make_fixtures.py there): values and bits, byte-identical output, round trips, and
 * every rejected input. Runs in Node and in the browser.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, DTypeError, DifftapeError, ShapeError } from '../../src/errors.js';
import { parseNpy, parseNpyHeader, serializeNpy } from '../../src/io/index.js';
import { slice, transpose, broadcastTo } from '../../src/ops/index.js';
import { type DType, type Tensor, arange, fromArray, scalar, tensor, zeros } from '../../src/tensor/index.js';
import { loadFixture, loadFixtureText } from '../helpers/fixtures.js';
import { throwsWith } from '../helpers/checks.js';

interface Expected {
  dtype: DType;
  shape: number[];
  version: [number, number];
  values: string[];
  bits: string;
  same_bytes: boolean;
}
interface ExpectedFile {
  numpy: string;
  files: Record<string, Expected>;
  errors: Record<string, string>;
}

const expected = JSON.parse(await loadFixtureText('npy/expected.json')) as ExpectedFile;
const fixtures = new Map<string, Uint8Array>();
for (const name of [...Object.keys(expected.files), ...Object.keys(expected.errors)]) {
  fixtures.set(name, await loadFixture(`npy/${name}`));
}
const fixture = (name: string): Uint8Array => fixtures.get(name)!;

/** A Python repr ('nan', '-0.0', 'True', '1e-300') as a JS number. */
function pyValue(repr: string): number {
  const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity, True: 1, False: 0 };
  return repr in special ? special[repr]! : Number(repr);
}

/** Hex of the bytes of a typed array (little-endian on every host these tests run on). */
function hexOf(a: ArrayBufferView): string {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
}

function assertBitsEqual(actual: Tensor, want: Tensor, msg?: string): void {
  assert.is(actual.dtype, want.dtype, msg);
  assert.equal([...actual.shape], [...want.shape], msg);
  assert.is(hexOf(actual.toTypedArray()), hexOf(want.toTypedArray()), msg);
}

/** Builds a .npy file by hand: magic, version, header (padded to 64 as NumPy does), data. */
function makeNpy(header: string, data: Uint8Array = new Uint8Array(0), version: [number, number] = [1, 0]): Uint8Array {
  const lenBytes = version[0] === 1 ? 2 : 4;
  const headerBytes = new TextEncoder().encode(header);
  const pad = 64 - ((8 + lenBytes + headerBytes.length + 1) % 64);
  const hlen = headerBytes.length + pad + 1;
  const out = new Uint8Array(8 + lenBytes + hlen + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version[0], version[1]]);
  for (let i = 0, n = hlen; i < lenBytes; i++, n >>>= 8) out[8 + i] = n & 0xff;
  out.set(headerBytes, 8 + lenBytes);
  out.fill(0x20, 8 + lenBytes + headerBytes.length, 8 + lenBytes + hlen - 1);
  out[8 + lenBytes + hlen - 1] = 0x0a;
  out.set(data, 8 + lenBytes + hlen);
  return out;
}

const f8Bytes = (values: number[]): Uint8Array => new Uint8Array(new Float64Array(values).buffer);

// ---------------------------------------------------------------------------------------
// Reading what NumPy wrote

test('npy: fixtures were generated', () => {
  assert.ok(Object.keys(expected.files).length >= 18);
  assert.ok(Object.keys(expected.errors).length >= 8);
});

test('npy: parseNpy reads every NumPy fixture with exact shape, dtype and values', () => {
  for (const [name, want] of Object.entries(expected.files)) {
    const x = parseNpy(fixture(name));
    assert.is(x.dtype, want.dtype, name);
    assert.equal([...x.shape], want.shape, name);
    const values = x.toTypedArray();
    assert.is(values.length, want.values.length, name);
    want.values.forEach((v, i) => assert.ok(Object.is(values[i], pyValue(v)), `${name}[${i}]: ${values[i]} vs ${v}`));
    assert.is(hexOf(values), want.bits, `${name}: bits`);
  }
});

test('npy: parseNpyHeader reports version, descr, order and data offset', () => {
  for (const [name, want] of Object.entries(expected.files)) {
    const h = parseNpyHeader(fixture(name));
    assert.equal([...h.version], want.version, name);
    assert.is(h.dtype, want.dtype, name);
    assert.equal([...h.shape], want.shape, name);
    assert.is(h.fortranOrder, false, name);
    assert.is(h.dataOffset % 64, 0, name);
    assert.is(h.bigEndian, name.includes('_be'), name);
  }
  assert.is(parseNpyHeader(fixture('f8_be.npy')).descr, '>f8');
  assert.is(parseNpyHeader(fixture('b1_2d.npy')).descr, '|b1');
});

test('npy: versions 2.0 and 3.0 and big-endian files are read', () => {
  assert.equal(parseNpy(fixture('f8_v2.npy')).toArray(), [[1, 2], [3, 4.5]]);
  assert.equal(parseNpy(fixture('i4_v3.npy')).toArray(), [5, -6, 7]);
  assert.equal(parseNpy(fixture('i4_be.npy')).toArray(), [[1, -2, 2147483647]]);
  const be = parseNpy(fixture('f8_be.npy')).toTypedArray();
  assert.equal(Array.from(be), [1.5, -0.1, Infinity, 5e-324]);
});

test('npy: data may sit unaligned in the buffer, and ArrayBuffers are accepted', () => {
  for (const name of ['f8_3d.npy', 'f4_2d.npy', 'i4_3d.npy', 'f8_be.npy']) {
    const bytes = fixture(name);
    const want = parseNpy(bytes);
    for (const shift of [1, 3, 5, 7]) {
      const big = new Uint8Array(bytes.length + shift + 2);
      big.set(bytes, shift);
      assertBitsEqual(parseNpy(big.subarray(shift, shift + bytes.length)), want, `${name} at +${shift}`);
    }
    const copy = bytes.slice();
    assertBitsEqual(parseNpy(copy.buffer), want, `${name} as ArrayBuffer`);
  }
});

test('npy: the tensor owns its data (the input buffer can be reused)', () => {
  const bytes = fixture('f8_1d.npy').slice();
  const x = parseNpy(bytes);
  bytes.fill(0);
  assert.is(x.toTypedArray()[1], -2.5);
});

test('npy: bytes after the data are ignored, as NumPy does', () => {
  const bytes = fixture('i4_v3.npy');
  const longer = new Uint8Array(bytes.length + 10);
  longer.set(bytes);
  assert.equal(parseNpy(longer).toArray(), [5, -6, 7]);
});

test('npy: hand-written headers: double quotes, other key order, Python 2 longs, 1-D Fortran order', () => {
  const data = f8Bytes([1, 2, 3]);
  assert.equal(parseNpy(makeNpy('{"shape": (3,), "fortran_order": False, "descr": "<f8"}\n', data)).toArray(), [1, 2, 3]);
  assert.equal(parseNpy(makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (3L,), }", data)).toArray(), [1, 2, 3]);
  // With at most one axis longer than 1, Fortran and C order are the same layout.
  assert.equal(parseNpy(makeNpy("{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }", data)).toArray(), [1, 2, 3]);
  assert.equal(parseNpy(makeNpy("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 3, 1), }", data)).toArray(), [[[1], [2], [3]]]);
  assert.equal(parseNpy(makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", data.subarray(0, 8))).item(), 1);
  // Bool bytes other than 0/1 read as true; a byte order mark on a bool does not matter.
  assert.equal(parseNpy(makeNpy("{'descr': '<b1', 'fortran_order': False, 'shape': (2,), }", new Uint8Array([1, 0]))).toArray(), [1, 0]);
  assert.equal(parseNpy(makeNpy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new Uint8Array([0, 1, 7]))).toArray(), [0, 1, 1]);
});

// ---------------------------------------------------------------------------------------
// Writing

test('npy: serializeNpy writes exactly the bytes np.save wrote', () => {
  let n = 0;
  for (const [name, want] of Object.entries(expected.files)) {
    if (!want.same_bytes) continue;
    const bytes = fixture(name);
    const out = serializeNpy(parseNpy(bytes));
    assert.is(hexOf(out), hexOf(bytes), name);
    n++;
  }
  assert.ok(n >= 13, `${n} byte-identical fixtures`);
});

test('npy: big-endian and version 2/3 files are rewritten as NumPy would save them', () => {
  // Re-serialised little-endian in version 1.0: same values, and the same bytes as a
  // little-endian NumPy save of those values (checked against the LE fixtures' layout).
  for (const name of ['f8_be.npy', 'f4_be.npy', 'i4_be.npy', 'f8_v2.npy', 'i4_v3.npy']) {
    const x = parseNpy(fixture(name));
    const out = serializeNpy(x);
    assert.equal(parseNpyHeader(out).version, [1, 0], name);
    assert.is(parseNpyHeader(out).bigEndian, false, name);
    assertBitsEqual(parseNpy(out), x, name);
  }
});

test('npy: header layout: 64-byte aligned data, trailing newline, NumPy shape tuples', () => {
  const shapes: number[][] = [[], [0], [1], [3], [10], [1000], [12345678], [2, 3], [0, 5], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [2, 1, 2, 1, 2, 1, 2, 1]];
  for (const shape of shapes) {
    const size = shape.reduce((a, d) => a * d, 1);
    const x = size > 1000 ? broadcastTo(scalar(0.5), shape) : zeros(shape);
    const out = serializeNpy(x);
    const h = parseNpyHeader(out);
    assert.is(h.dataOffset % 64, 0, `shape ${shape}`);
    assert.is(out[h.dataOffset - 1], 0x0a, `shape ${shape}`);
    assert.is(out.length, h.dataOffset + size * 8, `shape ${shape}`);
    const text = new TextDecoder().decode(out.subarray(10, h.dataOffset));
    const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
    assert.ok(text.startsWith(`{'descr': '<f8', 'fortran_order': False, 'shape': ${tuple}, }`), text);
    // NumPy leaves room for the first axis to grow to 21 digits.
    const growth = shape.length === 0 ? 0 : 21 - String(shape[0]).length;
    assert.ok(text.length >= text.indexOf('}') + 1 + growth + 1, text);
  }
});

test('npy: a header too long for format 1.0 is written as 2.0, as NumPy does', () => {
  const shape = new Array<number>(22000).fill(1);
  shape[0] = 2;
  const x = zeros(shape, { dtype: 'int32' });
  const out = serializeNpy(x);
  const h = parseNpyHeader(out);
  assert.equal([...h.version], [2, 0]);
  assert.is(h.dataOffset % 64, 0);
  assert.ok(h.dataOffset > 65536);
  assert.is(out[h.dataOffset - 1], 0x0a);
  assertBitsEqual(parseNpy(out), x);
  assert.equal([...parseNpyHeader(serializeNpy(zeros([2, 3]))).version], [1, 0]);
});

test('npy: serialize -> parse round-trips bit-exactly for every dtype', () => {
  // Random float64 bit patterns (NaN payloads included) from a fixed LCG.
  let seed = 12345;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const f64 = new Float64Array(257);
  const u32 = new Uint32Array(f64.buffer);
  for (let i = 0; i < u32.length; i++) u32[i] = next();
  f64.set([0, -0, NaN, Infinity, -Infinity, 5e-324, -Number.MAX_VALUE, 0.1], 0);
  const f32 = new Float32Array(f64.length);
  new Uint32Array(f32.buffer).set(u32.subarray(0, f32.length));
  const i32 = new Int32Array(u32.subarray(0, 60).buffer.slice(0, 240));
  i32[0] = -2147483648;
  const cases: Tensor[] = [
    fromArray(f64),
    fromArray(f64.slice(0, 256), [4, 8, 8]),
    fromArray(f32),
    fromArray(f32.slice(0, 255), [5, 3, 17]),
    fromArray(i32, [3, 4, 5]),
    tensor([[true, false, true], [false, false, true]]),
    scalar(-0),
    scalar(7, { dtype: 'int32' }),
    scalar(true),
    zeros([0], { dtype: 'float32' }),
    zeros([3, 0, 2], { dtype: 'int32' }),
    zeros([0], { dtype: 'bool' }),
  ];
  for (const x of cases) {
    assertBitsEqual(parseNpy(serializeNpy(x)), x, `${x.dtype} ${x.shape}`);
  }
});

test('npy: strided views are written in row-major order', () => {
  const x = arange(24).reshape([2, 3, 4]);
  const views = [transpose(x), transpose(x, [1, 0, 2]), slice(x, null, [null, null, -1], [1, 4, 2]), slice(x, 1), broadcastTo(arange(3), [2, 3])];
  for (const v of views) {
    const back = parseNpy(serializeNpy(v));
    assert.equal(back.toArray(), v.toArray());
    assert.ok(back.isContiguous);
  }
});

// ---------------------------------------------------------------------------------------
// Errors

test('npy: unsupported NumPy files are rejected with a class, the argument and a hint', () => {
  const classOf: Record<string, new (...args: never[]) => DifftapeError> = { 'err_fortran.npy': ArgumentError };
  for (const [name, fragment] of Object.entries(expected.errors)) {
    throwsWith(() => parseNpy(fixture(name)), classOf[name] ?? DTypeError, "parseNpy: argument 'bytes'", fragment);
  }
  throwsWith(() => parseNpy(fixture('err_i8.npy')), DTypeError, 'int64');
  throwsWith(() => parseNpy(fixture('err_c32.npy')), DTypeError, 'complex256');
  throwsWith(() => parseNpy(fixture('err_fortran.npy')), ArgumentError, 'fortran_order: True');
  throwsWith(() => parseNpyHeader(fixture('err_i8.npy')), DTypeError, "parseNpyHeader: argument 'bytes'");
});

test('npy: bad magic', () => {
  const bytes = fixture('f8_1d.npy').slice();
  bytes[0] = 0x94;
  throwsWith(() => parseNpy(bytes), ArgumentError, "parseNpy: argument 'bytes'", 'magic', '94 4e 55');
  throwsWith(() => parseNpy(new Uint8Array(0)), ArgumentError, "argument 'bytes'", 'no bytes');
  throwsWith(() => parseNpy(new TextEncoder().encode('{"a": 1}')), ArgumentError, 'magic');
});

test('npy: unsupported version', () => {
  for (const [major, minor] of [[4, 0], [0, 9], [1, 1]] as const) {
    const bytes = fixture('f8_1d.npy').slice();
    bytes[6] = major;
    bytes[7] = minor;
    throwsWith(() => parseNpy(bytes), ArgumentError, "parseNpy: argument 'bytes'", `version ${major}.${minor}`);
  }
});

test('npy: malformed headers', () => {
  const data = f8Bytes([1, 2, 3]);
  const bad: [string, new (...args: never[]) => DifftapeError, string][] = [
    ["{'descr': '<f8' 'fortran_order': False, 'shape': (3,), }", ArgumentError, 'Python dict literal'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (3,), ", ArgumentError, 'Python dict literal'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (3,), } extra", ArgumentError, 'Python dict literal'],
    ["{'descr': '<f8, 'fortran_order': False, 'shape': (3,), }", ArgumentError, 'Python dict literal'],
    ["['descr', '<f8']", ArgumentError, 'a Python dict'],
    ["{'descr': '<f8', 'shape': (3,), }", ArgumentError, "exactly the keys 'descr', 'fortran_order' and 'shape'"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (3,), 'extra': 1}", ArgumentError, "'extra'"],
    ["{'descr': '<f8', 'fortran_order': 'no', 'shape': (3,), }", ArgumentError, 'fortran_order'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': [3], }", ShapeError, "'shape' that is a tuple"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (3), }", ShapeError, "'shape' that is a tuple"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (-3,), }", ShapeError, '(-3,)'],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': ('3',), }", ShapeError, "('3',)"],
    ["{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,), }", ArgumentError, 'too large'],
    ["{'descr': '=f8', 'fortran_order': False, 'shape': (3,), }", DTypeError, "'=f8'"],
    ["{'descr': 'f8', 'fortran_order': False, 'shape': (3,), }", DTypeError, "'f8'"],
    ["{'descr': '|f8', 'fortran_order': False, 'shape': (3,), }", DTypeError, "byte order '<' or '>'"],
    ["{'descr': 3, 'fortran_order': False, 'shape': (3,), }", DTypeError, 'structured'],
    ["{'descr': '<f8', 'fortran_order': True, 'shape': (3, 1, 2), }", ArgumentError, 'ascontiguousarray'],
  ];
  for (const [header, cls, fragment] of bad) {
    throwsWith(() => parseNpy(makeNpy(header, data)), cls, "parseNpy: argument 'bytes'", fragment);
  }
  // A header that is not valid UTF-8 in a version 3.0 file.
  const v3 = makeNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", data, [3, 0]);
  v3[20] = 0xff;
  throwsWith(() => parseNpy(v3), ArgumentError, 'UTF-8');
});

test('npy: truncated files', () => {
  const bytes = fixture('f8_3d.npy');
  const dataOffset = parseNpyHeader(bytes).dataOffset;
  throwsWith(() => parseNpy(bytes.subarray(0, bytes.length - 1)), ShapeError, "parseNpy: argument 'bytes'", '480 data bytes for shape [3,4,5] of float64', 'got 479');
  throwsWith(() => parseNpy(bytes.subarray(0, dataOffset)), ShapeError, 'truncated data');
  throwsWith(() => parseNpy(bytes.subarray(0, 40)), ArgumentError, "parseNpy: argument 'bytes'", 'truncated file');
  throwsWith(() => parseNpy(bytes.subarray(0, 9)), ArgumentError, 'truncated header');
  throwsWith(() => parseNpy(bytes.subarray(0, 5)), ArgumentError, 'truncated header');
  // A 0-d array needs its one element.
  throwsWith(() => parseNpy(makeNpy("{'descr': '<i4', 'fortran_order': False, 'shape': (), }", new Uint8Array(3))), ShapeError, '4 data bytes');
});

test('npy: wrong argument types', () => {
  throwsWith(() => parseNpy([0x93, 0x4e] as unknown as Uint8Array), ArgumentError, "parseNpy: argument 'bytes'", 'Uint8Array or an ArrayBuffer');
  throwsWith(() => parseNpy(new Float64Array(4) as unknown as Uint8Array), ArgumentError, "argument 'bytes'");
  throwsWith(() => serializeNpy([1, 2] as unknown as Tensor), ArgumentError, "serializeNpy: argument 'x'", 'a Tensor');
});

test.run();
