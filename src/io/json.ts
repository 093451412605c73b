/**
 * Parameter trees to and from JSON, bit-exactly.
 *
 * A tree (see `tensor/tree.ts`) is nested arrays and plain objects whose leaves are
 * tensors, with static values (numbers, strings, booleans, null, undefined) allowed.
 * In JSON:
 *
 * - a tensor is `{"__tensor__": 1, "dtype": "float64", "shape": [2, 3], "data": [...]}`
 *   with `data` the elements in row-major order (complex ones as interleaved real and
 *   imaginary parts): numbers for float32, float64, complex and
 *   int32, `true`/`false` for bool. Numbers are written with the shortest decimal that
 *   reads back as the same float64 (JavaScript's own number formatting), and a float32
 *   element as its exact float64 value, so every value reads back bit-identical. The
 *   values JSON numbers cannot hold are strings: `"NaN"`, `"Infinity"`, `"-Infinity"`
 *   and `"-0"` (NaN payload bits are not kept: every NaN reads back as the canonical NaN);
 * - a static number that JSON cannot hold is `{"__number__": "NaN"}` (or `"Infinity"`,
 *   `"-Infinity"`, `"-0"`), and `undefined` is `{"__undefined__": 1}`, so that both
 *   survive (JSON would turn them into `null` or drop them);
 * - arrays stay arrays and objects stay objects, with their keys in their own order.
 *
 * Objects in a tree may not use the keys `__tensor__`, `__number__` or `__undefined__`.
 *
 * @module
 */
import { ArgumentError, ShapeError, fmtValue } from '../errors.js';
import { type Backend, getDefaultBackend } from '../backend/index.js';
import { type DType, allocate, checkDType, componentsOf } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';
import type { Tree } from '../tensor/tree.js';

/** A JSON value, as `JSON.parse` returns and `JSON.stringify` accepts. */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

/** The JSON form of one tensor. */
export interface TensorJSON {
  /** Marks the object as a tensor; always 1. */
  readonly __tensor__: 1;
  /** `"float32"`, `"float64"`, `"int32"` or `"bool"`. */
  readonly dtype: DType;
  /** Extent of each axis; `[]` for a scalar. */
  readonly shape: readonly number[];
  /** Elements in row-major order: numbers (or `"NaN"`, `"Infinity"`, `"-Infinity"`, `"-0"`), or booleans for bool. */
  readonly data: readonly (number | string | boolean)[];
}

const TENSOR_KEY = '__tensor__';
const NUMBER_KEY = '__number__';
const UNDEFINED_KEY = '__undefined__';
const RESERVED = [TENSOR_KEY, NUMBER_KEY, UNDEFINED_KEY];

/** Options for {@link treeFromJSON} and {@link parseTree}. */
export interface TreeFromJSONOptions {
  /** Name of the root in error messages (default `"json"`, or `"text"` for `parseTree`): errors say e.g. `params.layers[1].w`. */
  name?: string;
  /** Backend to create the tensors on (default: the default backend). */
  backend?: Backend;
}

/** `path` extended by an object key: `a.b`, or `a["odd key"]` when the key is not an identifier. */
function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** A number as JSON: itself, or a string for the values JSON has no number for. */
function encodeNumber(v: number): number | string {
  if (Number.isFinite(v)) return Object.is(v, -0) ? '-0' : v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

const SPECIAL: { readonly [s: string]: number } = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

// ---------------------------------------------------------------------------------------
// To JSON

/**
 * The JSON form of a tree: a value of plain arrays, objects, strings, numbers, booleans
 * and null that `JSON.stringify` writes losslessly (see the module notes for the format).
 *
 * @param tree - Tensors in nested arrays and plain objects, with static values.
 * @returns A fresh JSON-compatible value; tensors' elements are copied.
 * @throws ArgumentError - a value that is not a tensor, array, plain object or static
 *   value (a Map, a class instance, a function...), a cycle, or an object using a reserved key;
 *   the message names its path, e.g. `tree.layers[1].w`.
 */
export function treeToJSON(tree: Tree): JSONValue {
  const fn = 'treeToJSON';
  const ancestors = new Set<unknown>();
  const visit = (node: unknown, path: string): JSONValue => {
    if (node instanceof Tensor) return tensorToJSON(node) as unknown as JSONValue;
    if (node === undefined) return { [UNDEFINED_KEY]: 1 };
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
    if (typeof node === 'number') {
      const e = encodeNumber(node);
      return typeof e === 'number' ? e : { [NUMBER_KEY]: e };
    }
    if (Array.isArray(node) || isPlainObject(node)) {
      if (ancestors.has(node)) {
        throw new ArgumentError({ fn, arg: path, expected: 'a tree without cycles', actual: 'a reference to one of its own ancestors' });
      }
      ancestors.add(node);
      let out: JSONValue;
      if (Array.isArray(node)) {
        out = [];
        for (let i = 0; i < node.length; i++) out.push(visit(node[i], `${path}[${i}]`));
      } else {
        const obj: { [key: string]: JSONValue } = {};
        for (const key of Object.keys(node)) {
          if (RESERVED.includes(key)) {
            throw new ArgumentError({ fn, arg: keyPath(path, key), expected: `an object without the reserved keys ${RESERVED.join(', ')}`, actual: `key '${key}'` });
          }
          obj[key] = visit(node[key], keyPath(path, key));
        }
        out = obj;
      }
      ancestors.delete(node);
      return out;
    }
    throw new ArgumentError({ fn, arg: path, expected: 'a tensor, array, plain object, number, string, boolean, null or undefined', actual: fmtValue(node) });
  };
  return visit(tree, 'tree');
}

function tensorToJSON(x: Tensor): TensorJSON {
  const values = x.toTypedArray();
  const data: (number | string | boolean)[] = new Array(values.length);
  if (x.dtype === 'bool') for (let i = 0; i < values.length; i++) data[i] = values[i] !== 0;
  else for (let i = 0; i < values.length; i++) data[i] = encodeNumber(values[i]!);
  return { [TENSOR_KEY]: 1, dtype: x.dtype, shape: [...x.shape], data };
}

/**
 * The tree as JSON text: `JSON.stringify(treeToJSON(tree), null, space)`.
 *
 * @param tree - Tensors in nested arrays and plain objects, with static values.
 * @param space - Indentation, as for `JSON.stringify` (note that it also puts each
 *   tensor element on its own line).
 * @throws ArgumentError - as {@link treeToJSON}.
 */
export function stringifyTree(tree: Tree, space?: string | number): string {
  return JSON.stringify(treeToJSON(tree), null, space);
}

// ---------------------------------------------------------------------------------------
// From JSON

/**
 * Rebuilds a tree from its JSON form (as written by {@link treeToJSON}), validating
 * everything.
 *
 * Tensors come back dense on the default backend (or `options.backend`), with the
 * dtype, shape and bit-identical values they were written with; float32 data written
 * by hand are rounded to the nearest float32. Static values and object key order are
 * kept.
 *
 * @param json - A parsed JSON value.
 * @param options - The root's name in messages, and the backend for the tensors.
 * @throws ArgumentError - a malformed tensor object, a non-numeric element, an int32
 *   element that is not an integer in range, a non-JSON value; the message names the
 *   path, e.g. `params.layers[1].w.data[3]`.
 * @throws DTypeError - an unknown tensor dtype.
 * @throws ShapeError - an invalid shape, or a `data` length that does not match it.
 */
export function treeFromJSON(json: unknown, options: TreeFromJSONOptions = {}): Tree {
  return fromJSON(json, 'treeFromJSON', options.name ?? 'json', options.backend ?? getDefaultBackend());
}

function fromJSON(json: unknown, fn: string, root: string, backend: Backend): Tree {
  const visit = (node: unknown, path: string): Tree => {
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return node;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) {
        throw new ArgumentError({ fn, arg: path, expected: `a finite number (write others as {"${NUMBER_KEY}": "NaN"})`, actual: String(node) });
      }
      return node;
    }
    if (Array.isArray(node)) return node.map((c, i) => visit(c, `${path}[${i}]`));
    if (isPlainObject(node)) {
      if (Object.prototype.hasOwnProperty.call(node, TENSOR_KEY)) return tensorFromJSON(node, path, fn, backend);
      if (Object.prototype.hasOwnProperty.call(node, NUMBER_KEY)) {
        const s = node[NUMBER_KEY];
        if (Object.keys(node).length !== 1 || typeof s !== 'string' || !(s in SPECIAL)) {
          throw new ArgumentError({ fn, arg: path, expected: `{"${NUMBER_KEY}": "NaN" | "Infinity" | "-Infinity" | "-0"}`, actual: JSON.stringify(node) });
        }
        return SPECIAL[s]!;
      }
      if (Object.prototype.hasOwnProperty.call(node, UNDEFINED_KEY)) {
        if (Object.keys(node).length !== 1 || node[UNDEFINED_KEY] !== 1) {
          throw new ArgumentError({ fn, arg: path, expected: `{"${UNDEFINED_KEY}": 1}`, actual: JSON.stringify(node) });
        }
        return undefined;
      }
      const out: { [key: string]: Tree } = {};
      for (const key of Object.keys(node)) out[key] = visit(node[key], keyPath(path, key));
      return out;
    }
    throw new ArgumentError({ fn, arg: path, expected: 'a JSON value (null, boolean, number, string, array or plain object)', actual: fmtValue(node) });
  };
  return visit(json, root);
}

function tensorFromJSON(node: Record<string, unknown>, path: string, fn: string, backend: Backend): Tensor {
  const keys = Object.keys(node);
  const expectedKeys = [TENSOR_KEY, 'dtype', 'shape', 'data'];
  if (node[TENSOR_KEY] !== 1 || keys.length !== 4 || !expectedKeys.every((k) => keys.includes(k))) {
    throw new ArgumentError({
      fn,
      arg: path,
      expected: `a tensor object {"${TENSOR_KEY}": 1, "dtype", "shape", "data"}`,
      actual: `keys ${keys.join(', ')}${node[TENSOR_KEY] !== 1 ? ` and ${TENSOR_KEY} = ${fmtValue(node[TENSOR_KEY])}` : ''}`,
    });
  }
  const dtype = checkDType(node['dtype'], fn, `${path}.dtype`);
  const shape = node['shape'];
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError({ fn, arg: `${path}.shape`, expected: 'an array of non-negative integers', actual: fmtValue(shape) });
  }
  const size = shape.reduce((a: number, d: number) => a * d, 1);
  const data = node['data'];
  // Complex values are stored as interleaved (re, im) numbers.
  const slots = size * componentsOf(dtype);
  if (!Array.isArray(data) || data.length !== slots) {
    throw new ShapeError({
      fn,
      arg: `${path}.data`,
      expected: `an array of ${slots} numbers for shape [${shape.join(',')}] of ${dtype}`,
      actual: Array.isArray(data) ? `${data.length} elements` : fmtValue(data),
    });
  }
  const out = allocate(dtype, size);
  for (let i = 0; i < slots; i++) out[i] = element(data[i], dtype, fn, `${path}.data[${i}]`);
  return new Tensor(backend.fromArray(out), shape, dtype);
}

/** One element of a tensor's data, checked against its dtype. */
function element(v: unknown, dtype: DType, fn: string, path: string): number {
  if (dtype === 'bool') {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (v === 0 || v === 1) return v;
    throw new ArgumentError({ fn, arg: path, expected: 'true, false, 0 or 1 (bool tensor)', actual: fmtValue(v) });
  }
  if (dtype === 'int32') {
    if (typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) return v;
    throw new ArgumentError({ fn, arg: path, expected: 'an integer in [-2147483648, 2147483647] (int32 tensor)', actual: fmtValue(v) });
  }
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in SPECIAL) return SPECIAL[v]!;
  throw new ArgumentError({ fn, arg: path, expected: `a number or one of "NaN", "Infinity", "-Infinity", "-0" (${dtype} tensor)`, actual: fmtValue(v) });
}

/**
 * Reads a tree from JSON text written by {@link stringifyTree} (or any JSON in the
 * format of {@link treeToJSON}).
 *
 * @param text - The JSON text.
 * @param options - The root's name in messages (default `"text"`), and the backend.
 * @throws ArgumentError - `text` is not a string or not valid JSON (the parser's message
 *   is included), and everything {@link treeFromJSON} throws.
 */
export function parseTree(text: string, options: TreeFromJSONOptions = {}): Tree {
  const fn = 'parseTree';
  if (typeof text !== 'string') throw new ArgumentError({ fn, arg: 'text', expected: 'a string of JSON', actual: fmtValue(text) });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ArgumentError({ fn, arg: 'text', expected: 'valid JSON', actual: `a syntax error: ${(e as Error).message}` });
  }
  return fromJSON(json, fn, options.name ?? 'text', options.backend ?? getDefaultBackend());
}
