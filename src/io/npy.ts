/**
 * NumPy's `.npy` format: read and write single arrays, for exchange with NumPy,
 * Exponax and APEBench.
 *
 * A `.npy` file is
 *
 *     \x93NUMPY  major minor  header_len  header  data
 *
 * where `major.minor` is the format version (1.0: `header_len` is a little-endian
 * uint16; 2.0: a little-endian uint32; 3.0: as 2.0 but the header is UTF-8 rather
 * than Latin-1), the header is the text of a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces
 * and a final `'\n'`, and the data follow as raw bytes in the order the header says.
 * See https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html.
 *
 * This module is platform-neutral: bytes in, bytes out, no Node built-ins. For files,
 * see `io/node` (`loadNpy`, `saveNpy`).
 *
 * @module
 */
import {
  ArgumentError, DTypeError, type DifftapeError, type ErrorDetails, ShapeError, fmtShape, fmtValue,
} from '../errors.js';
import { fromArray } from '../tensor/creation.js';
import { type DType, type TypedArray, allocate, bytesOf, componentsOf } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

/** The first six bytes of every `.npy` file: `\x93NUMPY`. */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] as const;
/** NumPy pads the header so that the data start at a multiple of this many bytes. */
const ARRAY_ALIGN = 64;
/** NumPy leaves room for the growth axis to reach this many digits (`GROWTH_AXIS_MAX_DIGITS`). */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** The `descr` NumPy writes for each dtype (little-endian; `|` means no byte order). */
const DESCR: { readonly [D in DType]: string } = {
  float32: '<f4',
  float64: '<f8',
  int32: '<i4',
  bool: '|b1',
  complex64: '<c8',
  complex128: '<c16',
};

/** Type code and size (as in `'<f8'` without the byte order) to dtype. */
const CODES: { readonly [code: string]: DType } = {
  f4: 'float32', f8: 'float64', i4: 'int32', b1: 'bool', c8: 'complex64', c16: 'complex128',
};

/** True on a little-endian host (every platform JS runs on in practice, but we check). */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Where an error should say it came from (`loadNpy` passes its own name and path). */
interface Context {
  readonly fn: string;
  readonly arg: string;
  /** Appended to the `actual` part of messages, e.g. ` (file /tmp/a.npy)`. */
  readonly where?: string;
}

/** What a `.npy` header says, as returned by {@link parseNpyHeader}. */
export interface NpyHeader {
  /** Format version `[major, minor]`: `[1, 0]`, `[2, 0]` or `[3, 0]`. */
  readonly version: readonly [number, number];
  /** The dtype descriptor as written, e.g. `'<f8'` or `'>i4'`. */
  readonly descr: string;
  /** The difftape dtype it maps to. */
  readonly dtype: DType;
  /** True when the data are stored big-endian (and are byte-swapped on reading). */
  readonly bigEndian: boolean;
  /** The array's shape. */
  readonly shape: readonly number[];
  /** Whether the file says the data are in Fortran (column-major) order. */
  readonly fortranOrder: boolean;
  /** Byte offset of the first data byte (a multiple of 64 in files NumPy writes). */
  readonly dataOffset: number;
}

// ---------------------------------------------------------------------------------------
// Reading

function toBytes(bytes: unknown, ctx: Context): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  throw new ArgumentError({ fn: ctx.fn, arg: ctx.arg, expected: 'a Uint8Array or an ArrayBuffer', actual: fmtValue(bytes) });
}

/** An error whose message is the usual one followed by a hint on what to do. */
function withHint(Ctor: typeof ArgumentError, details: ErrorDetails, hint: string): DifftapeError {
  return new Ctor(details, `${new Ctor(details).message}. ${hint}.`);
}

function fail(ctx: Context, expected: string, actual: string): never {
  throw new ArgumentError({ fn: ctx.fn, arg: ctx.arg, expected, actual: actual + (ctx.where ?? '') });
}

/**
 * Reads the header of a `.npy` file: version, dtype, shape, order and where the data
 * start. It checks the header but not the data; {@link parseNpy} does both.
 *
 * @param bytes - The file's contents (or at least its header).
 * @throws ArgumentError - bad magic, unsupported version, malformed or truncated header,
 *   `fortran_order: True` (unless the array has at most one axis longer than 1, where
 *   both orders agree).
 * @throws DTypeError - a dtype other than float32, float64, int32 or bool, with a hint
 *   on how to convert it in NumPy.
 * @throws ShapeError - a shape that is not a tuple of non-negative integers.
 */
export function parseNpyHeader(bytes: Uint8Array | ArrayBuffer): NpyHeader {
  const ctx = { fn: 'parseNpyHeader', arg: 'bytes' };
  return readHeader(toBytes(bytes, ctx), ctx);
}

function readHeader(b: Uint8Array, ctx: Context): NpyHeader {
  if (b.length < 8 && MAGIC.every((m, i) => i >= b.length || b[i] === m) && b.length > 0) {
    fail(ctx, 'a complete .npy file', `${b.length} bytes (truncated header)`);
  }
  if (b.length < 8 || MAGIC.some((m, i) => b[i] !== m)) {
    const head = Array.from(b.subarray(0, 6), (x) => x.toString(16).padStart(2, '0')).join(' ');
    fail(ctx, 'a .npy file starting with the magic string \\x93NUMPY (93 4e 55 4d 50 59)', b.length === 0 ? 'no bytes' : `bytes ${head}`);
  }
  const major = b[6]!;
  const minor = b[7]!;
  if (!((major === 1 || major === 2 || major === 3) && minor === 0)) {
    fail(ctx, '.npy format version 1.0, 2.0 or 3.0', `version ${major}.${minor}`);
  }
  const lenBytes = major === 1 ? 2 : 4;
  if (b.length < 8 + lenBytes) fail(ctx, 'a complete .npy header', `${b.length} bytes (truncated header)`);
  let headerLen = 0;
  for (let i = lenBytes - 1; i >= 0; i--) headerLen = headerLen * 256 + b[8 + i]!;
  const dataOffset = 8 + lenBytes + headerLen;
  if (b.length < dataOffset) {
    fail(ctx, `a complete .npy header (${headerLen} bytes, as its length field says)`, `${b.length - 8 - lenBytes} header bytes (truncated file)`);
  }
  const raw = b.subarray(8 + lenBytes, dataOffset);
  let text: string;
  if (major === 3) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      fail(ctx, 'a UTF-8 header (format 3.0)', 'invalid UTF-8');
    }
  } else {
    text = latin1(raw);
  }

  let dict: unknown;
  try {
    dict = parsePyLiteral(text);
  } catch (e) {
    fail(ctx, "a header that is a Python dict literal such as {'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", `${(e as Error).message} in ${brief(text)}`);
  }
  if (!(dict instanceof Map)) fail(ctx, 'a header that is a Python dict', brief(text));
  const keys = [...dict.keys()];
  const expectedKeys = ['descr', 'fortran_order', 'shape'];
  if (keys.length !== 3 || !expectedKeys.every((k) => dict.has(k))) {
    fail(ctx, "a header with exactly the keys 'descr', 'fortran_order' and 'shape'", `keys ${keys.map((k) => `'${String(k)}'`).join(', ') || '(none)'}`);
  }

  const shapeValue = dict.get('shape');
  if (!(shapeValue instanceof PyTuple) || !shapeValue.items.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError({ fn: ctx.fn, arg: ctx.arg, expected: "a header 'shape' that is a tuple of non-negative integers", actual: pyRepr(shapeValue) + (ctx.where ?? '') });
  }
  const shape = shapeValue.items as number[];

  const fortran = dict.get('fortran_order');
  if (typeof fortran !== 'boolean') fail(ctx, "a header 'fortran_order' of True or False", pyRepr(fortran));
  if (fortran && shape.filter((d) => d > 1).length > 1) {
    throw withHint(ArgumentError, {
      fn: ctx.fn,
      arg: ctx.arg,
      expected: 'C-order (row-major) data',
      actual: `fortran_order: True for shape ${pyRepr(shapeValue)}${ctx.where ?? ''}`,
    }, 'Save it in C order with np.save(path, np.ascontiguousarray(a))');
  }

  const { dtype, bigEndian } = dtypeOfDescr(dict.get('descr'), ctx);
  return { version: [major, minor], descr: dict.get('descr') as string, dtype, bigEndian, shape, fortranOrder: fortran, dataOffset };
}

/** The header text for a message: quoted, trailing padding dropped, long ones cut. */
function brief(text: string): string {
  const t = text.trimEnd();
  return JSON.stringify(t.length > 200 ? `${t.slice(0, 200)}...` : t);
}

/** Decodes Latin-1 (each byte is one code point), in chunks to keep the stack small. */
function latin1(raw: Uint8Array): string {
  let s = '';
  for (let i = 0; i < raw.length; i += 4096) s += String.fromCharCode(...raw.subarray(i, i + 4096));
  return s;
}

/** Maps a `descr` to a dtype, or throws a DTypeError that says what it is and what to do. */
function dtypeOfDescr(descr: unknown, ctx: Context): { dtype: DType; bigEndian: boolean } {
  const reject = (what: string, hint: string): never => {
    throw withHint(DTypeError, {
      fn: ctx.fn,
      arg: ctx.arg,
      expected: "float32, float64, int32, bool, complex64 or complex128 data (descr '<f4', '<f8', '<i4', '|b1', '<c8' or '<c16', or big-endian)",
      actual: what + (ctx.where ?? ''),
    }, hint);
  };
  if (typeof descr !== 'string') {
    return reject(`a structured dtype (descr ${pyRepr(descr)})`, 'Structured (record) arrays are not supported: save each field as its own array');
  }
  const m = /^([<>|=])([a-zA-Z])(\d*)(.*)$/.exec(descr);
  if (!m) return reject(`descr '${descr}'`, 'This descr is not one NumPy writes');
  const [, order, kind, size, rest] = m as unknown as [string, string, string, string, string];
  const code = kind + size;
  const supported = CODES[code];
  if (supported !== undefined && rest === '') {
    if (code === 'b1') return { dtype: supported, bigEndian: false }; // one byte: any order mark
    if (order === '<' || order === '>') return { dtype: supported, bigEndian: order === '>' };
    return order === '='
      ? reject(`descr '${descr}' (native byte order)`, "The byte order '=' is ambiguous in a file: write it with NumPy's np.save, which records '<' or '>'")
      : reject(`descr '${descr}'`, "A multi-byte type needs the byte order '<' or '>'");
  }
  const bits = Number(size) * 8;
  switch (kind) {
    case 'i':
    case 'u':
      return reject(`${kind === 'u' ? 'uint' : 'int'}${bits} (descr '${descr}')`, 'Convert it in NumPy with a.astype(np.int32), or a.astype(np.float64) for integers beyond 32 bits (exact up to 2**53)');
    case 'f':
      return bits < 32
        ? reject(`float${bits} (descr '${descr}')`, 'Convert it in NumPy with a.astype(np.float32)')
        : reject(`float${bits} (descr '${descr}')`, 'Convert it in NumPy with a.astype(np.float64)');
    case 'c':
      return reject(`complex${bits} (descr '${descr}')`, 'Convert it in NumPy with a.astype(np.complex128)');
    case 'b':
      return reject(`descr '${descr}'`, 'Booleans are one byte (|b1)');
    case 'O':
      return reject(`an object array (descr '${descr}', pickled Python objects)`, 'Object arrays cannot be read: convert it to a numeric dtype, e.g. a.astype(np.float64)');
    case 'U':
    case 'S':
    case 'a':
      return reject(`a string array (descr '${descr}')`, 'String arrays cannot be read');
    case 'M':
    case 'm':
      return reject(`a datetime/timedelta array (descr '${descr}')`, 'Convert it in NumPy with a.astype(np.float64)');
    case 'V':
      return reject(`a void/structured array (descr '${descr}')`, 'Structured (record) arrays are not supported: save each field as its own array');
    default:
      return reject(`descr '${descr}'`, 'Convert it in NumPy with a.astype(np.float64)');
  }
}

/**
 * Reads a `.npy` file (format 1.0, 2.0 or 3.0) into a new dense tensor on the default
 * backend.
 *
 * Supported dtypes are float32 (`<f4`), float64 (`<f8`), int32 (`<i4`), bool (`|b1`),
 * complex64 (`<c8`) and complex128 (`<c16`), and their big-endian forms, which are
 * byte-swapped. The data are copied into
 * a fresh typed array, so `bytes` may be unaligned (e.g. a slice of a larger buffer)
 * and may be reused afterwards. Bool bytes other than 0 read as true. Bytes after the
 * data are ignored, as NumPy does.
 *
 * @param bytes - The whole file.
 * @returns A tensor with the file's shape and dtype (values bit-identical to the file's).
 * @throws ArgumentError - `bytes` is not a Uint8Array/ArrayBuffer; bad magic string;
 *   unsupported format version; malformed header; `fortran_order: True` (convert with
 *   `np.ascontiguousarray`).
 * @throws DTypeError - an unsupported dtype (int64, uint8, float16, complex, object,
 *   strings, structured...), with a hint on how to convert it in NumPy.
 * @throws ShapeError - an invalid shape, or fewer data bytes than the shape needs
 *   (a truncated file).
 *
 * @example
 * const x = parseNpy(new Uint8Array(await (await fetch('u0.npy')).arrayBuffer()));
 */
export function parseNpy(bytes: Uint8Array | ArrayBuffer): Tensor {
  const ctx = { fn: 'parseNpy', arg: 'bytes' };
  return readNpy(toBytes(bytes, ctx), ctx);
}

/**
 * {@link parseNpy} with errors attributed to `ctx` (used by `io/node`'s `loadNpy`).
 * @internal
 */
export function readNpy(b: Uint8Array, ctx: Context): Tensor {
  const h = readHeader(b, ctx);
  const size = h.shape.reduce((a, d) => a * d, 1);
  const itemBytes = bytesOf(h.dtype);
  const nbytes = size * itemBytes;
  const available = b.length - h.dataOffset;
  if (!Number.isSafeInteger(nbytes) || available < nbytes) {
    throw new ShapeError({
      fn: ctx.fn,
      arg: ctx.arg,
      expected: `${nbytes} data bytes for shape ${fmtShape(h.shape)} of ${h.dtype}`,
      actual: `${available} (truncated data)${ctx.where ?? ''}`,
    });
  }
  const out = allocate(h.dtype, size);
  const src = b.subarray(h.dataOffset, h.dataOffset + nbytes);
  const dst = new Uint8Array(out.buffer, out.byteOffset, nbytes);
  // Byte order applies to each number: both parts of a complex value swap separately.
  const unit = itemBytes / componentsOf(h.dtype);
  const swap = unit > 1 && h.bigEndian === HOST_LITTLE_ENDIAN;
  if (!swap) {
    dst.set(src);
  } else {
    for (let i = 0; i < nbytes; i += unit) {
      for (let j = 0; j < unit; j++) dst[i + j] = src[i + unit - 1 - j]!;
    }
  }
  if (h.dtype === 'bool') {
    for (let i = 0; i < size; i++) if (out[i]! > 1) out[i] = 1;
  }
  return fromArray(out, h.shape, { dtype: h.dtype });
}

// ---------------------------------------------------------------------------------------
// Writing

/** The shape as Python's `repr` of a tuple writes it: `()`, `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/**
 * Writes a tensor as a `.npy` file, byte for byte as NumPy's `np.save` writes the same
 * array: format 1.0 (2.0 only if the header exceeds 65535 bytes), little-endian
 * descr (`<f4`, `<f8`, `<i4`, `|b1`, `<c8`, `<c16`), `fortran_order: False`, the shape
 * as Python writes a tuple, spare room for the first axis to grow, and spaces plus `'\n'` so that
 * the data start at a multiple of 64 bytes.
 *
 * Any tensor works (strided views are written in row-major order, other backends are
 * read back first). Values round-trip bit-exactly through {@link parseNpy} and NumPy.
 *
 * @param x - The tensor to write.
 * @returns The file's bytes, in a fresh buffer.
 * @throws ArgumentError - `x` is not a tensor.
 * @throws DTypeError - a dtype `.npy` support does not cover.
 */
export function serializeNpy(x: Tensor): Uint8Array {
  const fn = 'serializeNpy';
  if (!(x instanceof Tensor)) throw new ArgumentError({ fn, arg: 'x', expected: 'a Tensor', actual: fmtValue(x) });
  const descr = (DESCR as Partial<Record<string, string>>)[x.dtype];
  if (descr === undefined) {
    throw new DTypeError({ fn, arg: 'x', expected: `one of ${Object.keys(DESCR).join(', ')}`, actual: String(x.dtype) });
  }
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr(x.shape)}, }`;
  if (x.shape.length > 0) dict += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(x.shape[0]).length));

  // Header text is ASCII here, so one byte per character.
  let lenBytes = 2;
  let total = 8 + lenBytes + dict.length + 1;
  let pad = ARRAY_ALIGN - (total % ARRAY_ALIGN);
  if (dict.length + 1 + pad > 0xffff) {
    lenBytes = 4;
    total = 8 + lenBytes + dict.length + 1;
    pad = ARRAY_ALIGN - (total % ARRAY_ALIGN);
  }
  const headerLen = dict.length + pad + 1;
  const dataOffset = 8 + lenBytes + headerLen;

  const data = x.toTypedArray();
  const nbytes = data.length * data.BYTES_PER_ELEMENT;
  const out = new Uint8Array(dataOffset + nbytes);
  out.set(MAGIC, 0);
  out[6] = lenBytes === 2 ? 1 : 2;
  out[7] = 0;
  for (let i = 0, n = headerLen; i < lenBytes; i++, n = Math.floor(n / 256)) out[8 + i] = n % 256;
  let p = 8 + lenBytes;
  for (let i = 0; i < dict.length; i++) out[p++] = dict.charCodeAt(i);
  out.fill(0x20, p, p + pad);
  out[dataOffset - 1] = 0x0a;
  writeLittleEndian(data, out.subarray(dataOffset));
  return out;
}

function writeLittleEndian(data: TypedArray, dst: Uint8Array): void {
  const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const w = data.BYTES_PER_ELEMENT;
  if (w === 1 || HOST_LITTLE_ENDIAN) {
    dst.set(src);
    return;
  }
  for (let i = 0; i < src.length; i += w) {
    for (let j = 0; j < w; j++) dst[i + j] = src[i + w - 1 - j]!;
  }
}

// ---------------------------------------------------------------------------------------
// The header's Python-literal subset: dicts, tuples, lists, strings, integers,
// True/False/None. Enough for every header NumPy writes (old Python 2 files included:
// a trailing `L` on integers is accepted).

/** A Python tuple, kept apart from lists so that `shape` can be checked to be one. */
class PyTuple {
  constructor(readonly items: unknown[]) {}
}

type PyValue = string | number | boolean | null | PyTuple | PyValue[] | Map<PyValue, PyValue>;

function pyRepr(v: unknown): string {
  if (v instanceof PyTuple) return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  if (typeof v === 'string') return `'${v}'`;
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null) return 'None';
  return String(v);
}

/** Parses the text of one Python literal; throws a plain Error describing the problem. */
function parsePyLiteral(text: string): PyValue {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const expect = (ch: string): void => {
    skip();
    if (text[i] !== ch) throw new Error(`expected '${ch}' at character ${i}`);
    i++;
  };
  const sequence = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    for (;;) {
      skip();
      if (text[i] === close) {
        i++;
        return items;
      }
      items.push(value());
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== close) throw new Error(`expected ',' or '${close}' at character ${i}`);
    }
  };
  const value = (): PyValue => {
    skip();
    const c = text[i];
    if (c === undefined) throw new Error('unexpected end of header');
    if (c === '{') {
      i++;
      const map = new Map<PyValue, PyValue>();
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return map;
        }
        const k = value();
        expect(':');
        map.set(k, value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') throw new Error(`expected ',' or '}' at character ${i}`);
      }
    }
    if (c === '(') {
      i++;
      const start = i;
      const items = sequence(')');
      // `(3)` is the integer 3 in Python; a tuple of one needs its comma.
      if (items.length === 1 && !text.slice(start, i - 1).trimEnd().endsWith(',')) return items[0]!;
      return new PyTuple(items);
    }
    if (c === '[') {
      i++;
      return sequence(']');
    }
    if (c === "'" || c === '"') return str(c);
    const m = /^(?:[-+]?\d+L?|True|False|None)/.exec(text.slice(i, i + 40));
    if (m) {
      i += m[0].length;
      if (m[0] === 'True') return true;
      if (m[0] === 'False') return false;
      if (m[0] === 'None') return null;
      const n = Number(m[0].replace(/L$/, ''));
      if (!Number.isSafeInteger(n)) throw new Error(`integer ${m[0]} too large`);
      return n;
    }
    throw new Error(`unexpected ${JSON.stringify(c)} at character ${i}`);
  };
  const str = (quote: string): string => {
    i++;
    let out = '';
    for (;;) {
      const c = text[i++];
      if (c === undefined) throw new Error('unterminated string');
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === 'x' || e === 'u') {
        const len = e === 'x' ? 2 : 4;
        const hex = text.slice(i, i + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Error(`bad escape at character ${i}`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += len;
      } else throw new Error(`unsupported escape at character ${i - 1}`);
    }
  };
  const v = value();
  skip();
  if (i !== text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} after the dict at character ${i}`);
  return v;
}
