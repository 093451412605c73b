/**
 * Parameter trees to and from JSON: the exact format, bit-exact round trips for every
 * dtype (special values included), static values and key order, and errors that name
 * the path. Runs in Node and in the browser.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, DTypeError, ShapeError } from '../../src/errors.js';
import { parseTree, stringifyTree, treeFromJSON, treeToJSON } from '../../src/io/index.js';
import { complex, slice, transpose } from '../../src/ops/index.js';
import { type Tree, Tensor, arange, fromArray, scalar, tensor, zeros } from '../../src/tensor/index.js';
import { throwsWith } from '../helpers/checks.js';

function hexOf(a: ArrayBufferView): string {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Asserts two trees are identical: structure, key order, statics (Object.is) and tensor bits. */
function assertTreesIdentical(actual: unknown, want: unknown, path = 'tree'): void {
  if (want instanceof Tensor) {
    assert.ok(actual instanceof Tensor, `${path}: a tensor`);
    const a = actual as Tensor;
    assert.is(a.dtype, want.dtype, `${path}: dtype`);
    assert.equal([...a.shape], [...want.shape], `${path}: shape`);
    assert.is(hexOf(a.toTypedArray()), hexOf(want.toTypedArray()), `${path}: bits`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(actual), `${path}: an array`);
    assert.is((actual as unknown[]).length, want.length, `${path}: length`);
    want.forEach((w, i) => assertTreesIdentical((actual as unknown[])[i], w, `${path}[${i}]`));
  } else if (want !== null && typeof want === 'object') {
    assert.equal(Object.keys(actual as object), Object.keys(want), `${path}: keys in order`);
    for (const k of Object.keys(want)) assertTreesIdentical((actual as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    assert.ok(Object.is(actual, want), `${path}: ${String(actual)} vs ${String(want)}`);
  }
}

/** Random bit patterns from a fixed LCG, as the bytes of `n` float64s. */
function randomBits(n: number, seed: number): ArrayBuffer {
  const u32 = new Uint32Array(2 * n);
  for (let i = 0; i < u32.length; i++) u32[i] = seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return u32.buffer;
}

const tensorJSON = (dtype: string, shape: unknown, data: unknown): Record<string, unknown> => ({ __tensor__: 1, dtype, shape, data });

// ---------------------------------------------------------------------------------------
// Format

test('json: treeToJSON writes the documented format', () => {
  const tree = {
    w: tensor([[1, -0], [0.1, NaN]]),
    b: tensor([Infinity, -Infinity], { dtype: 'float32' }),
    idx: tensor([3, -4], { dtype: 'int32' }),
    mask: tensor([true, false]),
    s: scalar(2.5),
    name: 'mlp',
    depth: 2,
    nums: [NaN, -0, Infinity, -Infinity, 1e-310],
    flags: [true, null, undefined],
  };
  assert.equal(treeToJSON(tree), {
    w: { __tensor__: 1, dtype: 'float64', shape: [2, 2], data: [1, '-0', 0.1, 'NaN'] },
    b: { __tensor__: 1, dtype: 'float32', shape: [2], data: ['Infinity', '-Infinity'] },
    idx: { __tensor__: 1, dtype: 'int32', shape: [2], data: [3, -4] },
    mask: { __tensor__: 1, dtype: 'bool', shape: [2], data: [true, false] },
    s: { __tensor__: 1, dtype: 'float64', shape: [], data: [2.5] },
    name: 'mlp',
    depth: 2,
    nums: [{ __number__: 'NaN' }, { __number__: '-0' }, { __number__: 'Infinity' }, { __number__: '-Infinity' }, 1e-310],
    flags: [true, null, { __undefined__: 1 }],
  });
  assert.is(
    stringifyTree({ a: tensor([0.1, 1 / 3]), f: tensor([0.1], { dtype: 'float32' }) }),
    '{"a":{"__tensor__":1,"dtype":"float64","shape":[2],"data":[0.1,0.3333333333333333]},' +
      '"f":{"__tensor__":1,"dtype":"float32","shape":[1],"data":[0.10000000149011612]}}',
  );
  // Indentation is passed to JSON.stringify.
  assert.ok(stringifyTree({ a: 1 }, 2).includes('\n  "a": 1'));
});

test('json: views are written as their row-major values', () => {
  const x = arange(6, undefined, 1, { dtype: 'float64' }).reshape([2, 3]);
  const j = treeToJSON({ t: transpose(x), s: slice(x, null, [null, null, -1]) }) as Record<string, { data: number[] }>;
  assert.equal(j['t']!.data, [0, 3, 1, 4, 2, 5]);
  assert.equal(j['s']!.data, [2, 1, 0, 5, 4, 3]);
});

// ---------------------------------------------------------------------------------------
// Round trips

test('json: a whole parameter tree round-trips bit-exactly, statics and key order kept', () => {
  const tree = {
    zeta: 'first key',
    layers: [
      { w: fromArray(new Float64Array([0.1 + 0.2, -0, NaN, Infinity, -Infinity, 5e-324, Number.MAX_VALUE, -1e-310]), [2, 4]), b: zeros([4]) },
      { w: fromArray(new Float32Array([0.1, -0, NaN, Infinity, 3.4028234663852886e38, 1.401298464324817e-45]), [3, 2]), act: 'tanh' },
    ],
    idx: tensor([-2147483648, 0, 2147483647], { dtype: 'int32' }),
    mask: tensor([[true, false], [false, true]]),
    scalar: scalar(-0),
    empty: zeros([0, 3], { dtype: 'float32' }),
    alpha: 0.1,
    n: 3,
    weird: [NaN, -0, Infinity, -Infinity],
    flag: false,
    nothing: null,
    missing: undefined,
    '10': 'numeric-like keys come first in JS, in both directions',
    'odd key': [[], {}],
  };
  for (const back of [parseTree(stringifyTree(tree)), treeFromJSON(treeToJSON(tree)), parseTree(stringifyTree(tree, 1))]) {
    assertTreesIdentical(back, tree);
  }
});

test('json: random float64 and float32 bit patterns survive (except NaN payloads)', () => {
  const f64 = new Float64Array(randomBits(2000, 7));
  const f32 = new Float32Array(randomBits(1000, 11));
  const i32 = new Int32Array(randomBits(500, 13));
  const back = parseTree(stringifyTree([fromArray(f64), fromArray(f32, [40, 50]), fromArray(i32)])) as Tensor[];
  const g64 = back[0]!.toTypedArray() as Float64Array;
  const g32 = back[1]!.toTypedArray() as Float32Array;
  let nans = 0;
  f64.forEach((v, i) => {
    if (Number.isNaN(v)) nans++;
    else assert.ok(Object.is(g64[i], v), `f64[${i}]`);
  });
  f32.forEach((v, i) => {
    if (Number.isNaN(v)) nans++;
    else assert.is(hexOf(g32.subarray(i, i + 1)), hexOf(f32.subarray(i, i + 1)), `f32[${i}]`);
  });
  assert.ok(nans > 0, 'some random patterns were NaN');
  assert.is(hexOf(back[2]!.toTypedArray()), hexOf(i32));
  // Every NaN reads back as a NaN.
  assert.ok(Number.isNaN(g64[f64.findIndex(Number.isNaN)]!));
});

test('json: options: root name and hand-written float32 values rounded', () => {
  const t = treeFromJSON({ w: tensorJSON('float32', [1], [0.1]) }) as { w: Tensor };
  assert.is(t.w.toTypedArray()[0], Math.fround(0.1));
  // bool data may be written as 0/1 too.
  assert.equal((treeFromJSON(tensorJSON('bool', [3], [1, false, true])) as Tensor).toArray(), [1, 0, 1]);
  throwsWith(() => treeFromJSON({ a: [tensorJSON('int32', [1], [0.5])] }, { name: 'params' }), ArgumentError, "treeFromJSON: argument 'params.a[0].data[0]'");
  // A bare scalar or string is a valid (static) tree.
  assert.is(treeFromJSON(3), 3);
  assert.is(parseTree('"s"'), 's');
  assert.ok(parseTree('{"a":{"__tensor__":1,"dtype":"int32","shape":[],"data":[5]}}') instanceof Object);
});

// ---------------------------------------------------------------------------------------
// Errors

test('json: treeFromJSON rejects malformed tensors, naming the path', () => {
  const at = (leaf: unknown): unknown => ({ layers: [{ w: 0 }, { w: leaf }] });
  const opts = { name: 'params' };
  const p = 'params.layers[1].w';
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', [2, 3], [1, 2])), opts), ShapeError, `treeFromJSON: argument '${p}.data'`, '6 numbers for shape [2,3]', 'got 2 elements');
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', [2], 'ab')), opts), ShapeError, `'${p}.data'`);
  throwsWith(() => treeFromJSON(at(tensorJSON('int64', [1], [1])), opts), DTypeError, `'${p}.dtype'`, 'int64');
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', [-1], [])), opts), ShapeError, `'${p}.shape'`);
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', '3', [1, 2, 3])), opts), ShapeError, `'${p}.shape'`);
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', [2], [1, 'x'])), opts), ArgumentError, `'${p}.data[1]'`, '"x"');
  throwsWith(() => treeFromJSON(at(tensorJSON('float64', [2], [1, null])), opts), ArgumentError, `'${p}.data[1]'`, 'null');
  throwsWith(() => treeFromJSON(at(tensorJSON('int32', [1], [2147483648])), opts), ArgumentError, `'${p}.data[0]'`, 'int32');
  throwsWith(() => treeFromJSON(at(tensorJSON('int32', [1], ['NaN'])), opts), ArgumentError, `'${p}.data[0]'`);
  throwsWith(() => treeFromJSON(at(tensorJSON('bool', [1], [2])), opts), ArgumentError, `'${p}.data[0]'`, 'bool');
  throwsWith(() => treeFromJSON(at({ __tensor__: 1, dtype: 'float64', shape: [1] }), opts), ArgumentError, `'${p}'`, 'a tensor object');
  throwsWith(() => treeFromJSON(at({ ...tensorJSON('float64', [1], [1]), extra: 1 }), opts), ArgumentError, `'${p}'`, 'extra');
  throwsWith(() => treeFromJSON(at({ ...tensorJSON('float64', [1], [1]), __tensor__: true }), opts), ArgumentError, `'${p}'`, '__tensor__ = true');
  throwsWith(() => treeFromJSON(at({ __number__: 'nan' }), opts), ArgumentError, `'${p}'`, '__number__');
  throwsWith(() => treeFromJSON(at({ __undefined__: 0 }), opts), ArgumentError, `'${p}'`, '__undefined__');
  throwsWith(() => treeFromJSON(at(Infinity), opts), ArgumentError, `'${p}'`, 'finite');
  throwsWith(() => treeFromJSON(at(new Map()), opts), ArgumentError, `'${p}'`, 'a Map');
  throwsWith(() => treeFromJSON(at(() => 1), opts), ArgumentError, `'${p}'`);
  throwsWith(() => treeFromJSON({ 'odd key': [undefined] }), ArgumentError, `'json["odd key"][0]'`);
});

test('json: treeToJSON rejects what is not a tree, naming the path', () => {
  throwsWith(() => treeToJSON({ a: [1, new Map()] } as unknown as Tree), ArgumentError, "treeToJSON: argument 'tree.a[1]'", 'a Map');
  throwsWith(() => treeToJSON({ f: (() => 1) as unknown as Tree }), ArgumentError, "argument 'tree.f'", 'a function');
  throwsWith(() => treeToJSON([new Float64Array(2) as unknown as Tree]), ArgumentError, "argument 'tree[0]'", 'Float64Array');
  throwsWith(() => treeToJSON({ x: { __tensor__: 1 } }), ArgumentError, "argument 'tree.x.__tensor__'", 'reserved');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = [cyclic];
  throwsWith(() => treeToJSON(cyclic as Tree), ArgumentError, "argument 'tree.self[0]'", 'cycles');
  // Shared (non-cyclic) subtrees are fine.
  const shared = { w: tensor([1]) };
  assert.equal(Object.keys(treeToJSON({ a: shared, b: shared }) as object), ['a', 'b']);
});

test('json: parseTree rejects invalid JSON and non-strings', () => {
  throwsWith(() => parseTree('{"a": [1, 2'), ArgumentError, "parseTree: argument 'text'", 'valid JSON');
  throwsWith(() => parseTree('{"a": NaN}'), ArgumentError, "argument 'text'");
  throwsWith(() => parseTree(42 as unknown as string), ArgumentError, "argument 'text'", 'a string');
  throwsWith(() => parseTree('{"w": {"__tensor__": 1, "dtype": "float64", "shape": [1], "data": [true]}}'), ArgumentError, "parseTree: argument 'text.w.data[0]'");
});

test('complex tensors round-trip as interleaved parts', () => {
  const z = complex(tensor([1.5, -0, NaN]), tensor([-2, Infinity, 3]));
  const text = stringifyTree({ z });
  assert.match(text, /"dtype":"complex128"/);
  const back = (parseTree(text) as { z: Tensor }).z;
  assert.is(back.dtype, 'complex128');
  assert.equal(Array.from(back.toTypedArray(), (v) => Object.is(v, -0) ? '-0' : String(v)), ['1.5', '-2', '-0', 'Infinity', 'NaN', '3']);
  throwsWith(() => parseTree('{"__tensor__":1,"dtype":"complex64","shape":[2],"data":[1,2]}'), ShapeError, '4 numbers');
});

test.run();
