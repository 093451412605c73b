/**
 * src/nn: Equinox's Linear initialisation (exact draws from the split keys, bounds,
 * moments, determinism, float32), linear and mlp against plain loops and manual
 * compositions, MLP architectures and parameter counts, gradient checks through an MLP's
 * parameter tree, minibatch shuffles and row selection, and typed errors.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, DTypeError, ShapeError, type Tensor, add, broadcastTo, grad, matmul, random, randomUniform, relu, scalar,
  sigmoid, sum, square, tanh, tensor, transpose, treeFlatten, treeUnflatten,
} from '../../src/index.js';
import {
  type LinearParams, type MlpParams, initLinear, initMlp, linear, mlp, mlpParameterCount, parameterCount, shuffledBatches,
  takeRows,
} from '../../src/nn/index.js';
import { assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, flatten, randomTensor } from '../helpers/assert-close.js';
import { checkGrad } from '../helpers/checks.js';

const { key, split, permutation } = random;

/** y[..., j] = sum_k x[..., k] w[j, k] + b[j], by plain loops (k increasing, as the matmul kernel). */
function linearRef(p: LinearParams, x: Tensor): number[] {
  const [out, inn] = p.weight.shape as [number, number];
  const w = flatten(p.weight);
  const b = flatten(p.bias);
  const xv = flatten(x);
  const y: number[] = [];
  for (let r = 0; r < xv.length / inn; r++) {
    for (let j = 0; j < out; j++) {
      let s = 0;
      for (let k = 0; k < inn; k++) s += xv[r * inn + k]! * w[j * inn + k]!;
      y.push(s + b[j]!);
    }
  }
  return y;
}

// ---------------------------------------------------------------------------------------
// initLinear and linear

test('initLinear: Equinox structure, split(key, 2) -> weight from the first key, bias from the second', () => {
  const k = key(3);
  const p = initLinear(k, 7, 5);
  assertShape(p.weight, [5, 7]);
  assertShape(p.bias, [5]);
  assertDType(p.weight, 'float64');
  assertDType(p.bias, 'float64');
  const [wkey, bkey] = split(k, 2);
  const lim = 1 / Math.sqrt(7);
  assertEqualValues(p.weight, randomUniform(wkey!, [5, 7], { low: -lim, high: lim }));
  assertEqualValues(p.bias, randomUniform(bkey!, [5], { low: -lim, high: lim }));
});

test('initLinear: every weight and bias within 1/sqrt(inSize)', () => {
  for (const [inn, out] of [[1, 1], [3, 8], [30, 64], [900, 4]] as const) {
    const p = initLinear(key(inn * 31 + out), inn, out);
    const lim = 1 / Math.sqrt(inn);
    for (const v of [...flatten(p.weight), ...flatten(p.bias)]) assert.ok(Math.abs(v) <= lim, `|${v}| <= ${lim} (in ${inn})`);
  }
});

test('initLinear: mean ~ 0 and variance ~ lim^2 / 3 on a large layer', () => {
  const inn = 256;
  const p = initLinear(key(11), inn, 512);
  const w = flatten(p.weight);
  const lim = 1 / Math.sqrt(inn);
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  const variance = w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length;
  // Standard errors: lim / sqrt(3 n) ~ 0.0016 lim for the mean, ~0.25% for the variance.
  assert.ok(Math.abs(mean) < 0.01 * lim, `mean ${mean}`);
  assert.ok(Math.abs(variance / (lim * lim / 3) - 1) < 0.02, `variance ${variance} vs ${lim * lim / 3}`);
  const min = w.reduce((a, b) => Math.min(a, b));
  const max = w.reduce((a, b) => Math.max(a, b));
  assert.ok(min < -0.99 * lim && max > 0.99 * lim, `the samples fill [-lim, lim): ${min} .. ${max}`);
});

test('initLinear: deterministic per key, different across keys, float32 option', () => {
  const a = initLinear(key(5), 6, 4);
  const b = initLinear(key(5), 6, 4);
  assertEqualValues(a.weight, b.weight);
  assertEqualValues(a.bias, b.bias);
  const c = initLinear(key(6), 6, 4);
  assert.not.equal(flatten(c.weight), flatten(a.weight));
  assert.not.equal(flatten(c.bias), flatten(a.bias));
  const [k1, k2] = split(key(5));
  assert.not.equal(flatten(initLinear(k1!, 6, 4).weight), flatten(initLinear(k2!, 6, 4).weight));

  const f = initLinear(key(5), 6, 4, { dtype: 'float32' });
  assertDType(f.weight, 'float32');
  assertDType(f.bias, 'float32');
  const lim = Math.fround(1 / Math.sqrt(6));
  for (const v of [...flatten(f.weight), ...flatten(f.bias)]) assert.ok(Math.abs(v) <= lim);
  // The same draws, rounded to float32.
  assertClose(f.weight, a.weight, { rtol: 2 ** -23 });
  assertDType(initLinear(key(5), 6, 4, { dtype: 'float64' }).weight, 'float64');
});

test('linear: x @ weight^T + bias against plain loops, for a vector, a matrix and a batch', () => {
  const p = initLinear(key(1), 4, 3);
  for (const shape of [[4], [5, 4], [2, 3, 4], [0, 4]]) {
    const x = randomTensor(shape, { seed: shape.length + 1 });
    const y = linear(p, x);
    assertShape(y, [...shape.slice(0, -1), 3]);
    assertClose(y, linearRef(p, x), { rtol: 1e-15, atol: 1e-16 });
  }
  const x = randomTensor([5, 4], { seed: 9 });
  assertClose(linear(p, x), add(matmul(x, transpose(p.weight)), p.bias), { rtol: 0 });
  const f = initLinear(key(1), 4, 3, { dtype: 'float32' });
  assertDType(linear(f, randomTensor([2, 4], { dtype: 'float32' })), 'float32');
});

// ---------------------------------------------------------------------------------------
// MLPs

test('initMlp: depth + 1 layers with eqx.nn.MLP shapes, layer i from split(key, depth + 1)[i]', () => {
  const cases: [number, number[][]][] = [
    [0, [[2, 3]]],
    [1, [[8, 3], [2, 8]]],
    [3, [[8, 3], [8, 8], [8, 8], [2, 8]]],
  ];
  for (const [depth, shapes] of cases) {
    const k = key(depth + 10);
    const p = initMlp(k, { inSize: 3, outSize: 2, widthSize: 8, depth });
    assert.is(p.layers.length, depth + 1);
    const keys = split(k, depth + 1);
    p.layers.forEach((layer, i) => {
      assertShape(layer.weight, shapes[i]!, `depth ${depth} layer ${i}`);
      assertShape(layer.bias, [shapes[i]![0]!]);
      const ref = initLinear(keys[i]!, shapes[i]![1]!, shapes[i]![0]!);
      assertEqualValues(layer.weight, ref.weight);
      assertEqualValues(layer.bias, ref.bias);
    });
  }
  const f = initMlp(key(0), { inSize: 3, outSize: 2, widthSize: 4, depth: 2, dtype: 'float32' });
  for (const l of f.layers) {
    assertDType(l.weight, 'float32');
    assertDType(l.bias, 'float32');
  }
});

test('parameterCount and mlpParameterCount: 12254 for 30-64-64-64-30, 23409900 for 900-3000-3000-3000-900', () => {
  const small = { inSize: 30, outSize: 30, widthSize: 64, depth: 3 };
  assert.is(parameterCount(initMlp(key(0), small)), 12254);
  assert.is(mlpParameterCount(small), 12254);
  assert.is((30 * 64 + 64) + 2 * (64 * 64 + 64) + (64 * 30 + 30), 12254);

  const big = { inSize: 900, outSize: 900, widthSize: 3000, depth: 3 };
  const formula = (900 * 3000 + 3000) + (3 - 1) * (3000 * 3000 + 3000) + (3000 * 900 + 900);
  assert.is(formula, 23409900);
  assert.is(mlpParameterCount(big), 23409900);
  // The same architecture's tree, built from broadcast views of one zero (no 23M-element storage).
  const view = (shape: number[]): Tensor => broadcastTo(scalar(0), shape);
  const sizes = [900, 3000, 3000, 3000, 900];
  const tree: MlpParams = { layers: sizes.slice(1).map((n, i) => ({ weight: view([n, sizes[i]!]), bias: view([n]) })) };
  assert.is(parameterCount(tree), 23409900);

  assert.is(mlpParameterCount({ inSize: 3, outSize: 2, widthSize: 8, depth: 0 }), 3 * 2 + 2);
  for (const depth of [0, 1, 2, 5]) {
    const o = { inSize: 3, outSize: 2, widthSize: 4, depth };
    assert.is(parameterCount(initMlp(key(depth), o)), mlpParameterCount(o), `depth ${depth}`);
  }
  // Static values and nesting: only tensor elements count.
  assert.is(parameterCount({ a: tensor([[1, 2], [3, 4]]), b: [scalar(1), 3, 'x', null], c: {} }), 5);
  assert.is(parameterCount([]), 0);
});

test('mlp: forward pass equals the manual composition (relu between layers, identity last)', () => {
  const p = initMlp(key(2), { inSize: 3, outSize: 2, widthSize: 5, depth: 2 });
  const [l0, l1, l2] = p.layers as [LinearParams, LinearParams, LinearParams];
  for (const shape of [[3], [4, 3], [2, 4, 3]]) {
    const x = randomTensor(shape, { seed: 7 + shape.length });
    const y = mlp(p, x);
    assertShape(y, [...shape.slice(0, -1), 2]);
    assertEqualValues(y, linear(l2, relu(linear(l1, relu(linear(l0, x))))));
    // And with plain loops for the affine maps.
    const h1 = relu(tensor(linearRef(l0, x), { shape: [...shape.slice(0, -1), 5] }));
    const h2 = relu(tensor(linearRef(l1, h1), { shape: [...shape.slice(0, -1), 5] }));
    assertClose(y, linearRef(l2, h2), { rtol: 1e-14, atol: 1e-15 });
  }
  const x = randomTensor([4, 3], { seed: 3 });
  const custom = mlp(p, x, { activation: tanh, finalActivation: sigmoid });
  assertEqualValues(custom, sigmoid(linear(l2, tanh(linear(l1, tanh(linear(l0, x)))))));
  // depth 0: a single linear layer, no activation unless final.
  const one = initMlp(key(4), { inSize: 3, outSize: 2, widthSize: 9, depth: 0 });
  assertEqualValues(mlp(one, x), linear(one.layers[0]!, x));
  assertEqualValues(mlp(one, x, { finalActivation: tanh }), tanh(linear(one.layers[0]!, x)));
});

test('gradcheck: a scalar loss of mlp w.r.t. every leaf of the parameter tree, and w.r.t. x', () => {
  const params = initMlp(key(8), { inSize: 3, outSize: 2, widthSize: 4, depth: 2 });
  const x = randomTensor([5, 3], { seed: 21 });
  const target = randomTensor([5, 2], { seed: 22 });
  const { leaves, def } = treeFlatten(params);
  assert.is(leaves.length, 6);
  for (const activation of [tanh, relu]) {
    const loss = (...ts: Tensor[]): Tensor => sum(square(mlp(treeUnflatten(def, ts) as MlpParams, x, { activation }).sub(target)));
    checkGrad(loss, leaves, activation === tanh ? 'tanh' : 'relu');
  }
  checkGrad((xx) => sum(square(mlp(params, xx))), [x], 'x');
  // grad over the tree gives a tree of the same structure.
  const g = grad((p: MlpParams) => sum(square(mlp(p, x))))(params);
  assert.is(g.layers.length, 3);
  g.layers.forEach((l, i) => {
    assertShape(l.weight, [...params.layers[i]!.weight.shape]);
    assertShape(l.bias, [...params.layers[i]!.bias.shape]);
  });
});

// ---------------------------------------------------------------------------------------
// Data

test('shuffledBatches: deterministic, a permutation cut into batches, dropLast', () => {
  const k = key(17);
  const batches = shuffledBatches(k, 10, 3);
  assert.equal(batches.map((b) => b.length), [3, 3, 3, 1]);
  for (const b of batches) assert.instance(b, Int32Array);
  assert.equal(batches.flatMap((b) => [...b]), [...permutation(k, 10)]);
  assert.equal(batches.flatMap((b) => [...b]).sort((a, b) => a - b), [...Array(10).keys()]);
  assert.equal(shuffledBatches(k, 10, 3).map((b) => [...b]), batches.map((b) => [...b]));
  assert.not.equal(shuffledBatches(key(18), 10, 3).map((b) => [...b]), batches.map((b) => [...b]));

  const dropped = shuffledBatches(k, 10, 3, { dropLast: true });
  assert.equal(dropped.map((b) => [...b]), batches.slice(0, 3).map((b) => [...b]));
  assert.equal(shuffledBatches(k, 9, 3, { dropLast: true }).map((b) => b.length), [3, 3, 3]);
  assert.equal(shuffledBatches(k, 9, 3, { dropLast: false }).map((b) => b.length), [3, 3, 3]);

  const big = shuffledBatches(key(2), 1000, 64);
  assert.is(big.length, 16);
  const seen = new Uint8Array(1000);
  for (const b of big) for (const i of b) seen[i]!++;
  assert.ok(seen.every((c) => c === 1), 'every index exactly once');
  assert.equal(shuffledBatches(k, 0, 4), []);
  assert.equal(shuffledBatches(k, 3, 8).map((b) => b.length), [3]);
  assert.equal(shuffledBatches(k, 3, 8, { dropLast: true }), []);
  // The batches are independent copies.
  const again = shuffledBatches(k, 10, 3);
  again[0]![0] = -1;
  assert.is.not(shuffledBatches(k, 10, 3)[0]![0], -1);
});

test('takeRows: rows along axis 0, from an Int32Array or numbers, differentiable', () => {
  const x = tensor([[1, 2], [3, 4], [5, 6], [7, 8]]);
  assertEqualValues(takeRows(x, [2, 0]), [[5, 6], [1, 2]]);
  assertEqualValues(takeRows(x, Int32Array.from([3, 3, 1])), [[7, 8], [7, 8], [3, 4]]);
  assertShape(takeRows(x, []), [0, 2]);
  assertEqualValues(takeRows(tensor([10, 20, 30]), [1]), [20]);
  const x3 = randomTensor([5, 2, 3], { seed: 4 });
  assertShape(takeRows(x3, [4, 1]), [2, 2, 3]);
  assertDType(takeRows(randomTensor([3, 2], { dtype: 'float32' }), [0]), 'float32');
  // A minibatch loop.
  const data = randomTensor([10, 3], { seed: 5 });
  const rows = shuffledBatches(key(1), 10, 4).map((b) => takeRows(data, b));
  assert.equal(rows.map((r) => r.shape[0]), [4, 4, 2]);
  // Gradients: repeated rows accumulate.
  const g = grad((t: Tensor) => sum(takeRows(t, [1, 1, 3])))(x);
  assertEqualValues(g, [[0, 0], [2, 2], [0, 0], [1, 1]]);
  checkGrad((t) => square(takeRows(t, [2, 0, 2])), [randomTensor([3, 2], { seed: 6 })]);
});

// ---------------------------------------------------------------------------------------
// Errors

test('typed errors for bad arguments, naming the function and argument', () => {
  const bad = <T>(v: unknown): T => v as T;
  assertThrowsTyped(() => initLinear(bad({ k0: 1 }), 2, 3), ArgumentError, { fn: 'initLinear', arg: 'key' });
  assertThrowsTyped(() => initLinear(key(0), 0, 3), ArgumentError, { fn: 'initLinear', arg: 'inSize', includes: ['positive integer', 'got 0'] });
  assertThrowsTyped(() => initLinear(key(0), 2, 1.5), ArgumentError, { fn: 'initLinear', arg: 'outSize' });
  assertThrowsTyped(() => initLinear(key(0), 2, 3, { dtype: bad('int32') }), DTypeError, { fn: 'initLinear', arg: 'dtype' });

  const p = initLinear(key(0), 4, 3);
  assertThrowsTyped(() => linear(p, tensor([1, 2, 3])), ShapeError, { fn: 'linear', arg: 'x', includes: ['[..., 4]', '[3]'] });
  assertThrowsTyped(() => linear(p, scalar(1)), ShapeError, { fn: 'linear', arg: 'x' });
  assertThrowsTyped(() => linear(p, bad([1, 2, 3, 4])), ArgumentError, { fn: 'linear', arg: 'x' });
  assertThrowsTyped(() => linear({ weight: p.weight, bias: tensor([1, 2]) }, tensor([1, 2, 3, 4])), ShapeError, { fn: 'linear', arg: 'params.bias' });
  assertThrowsTyped(() => linear({ weight: p.bias, bias: p.bias }, tensor([1, 2, 3])), ShapeError, { fn: 'linear', arg: 'params.weight' });
  assertThrowsTyped(() => linear(bad({ weight: p.weight }), tensor([1, 2, 3, 4])), ArgumentError, { fn: 'linear', arg: 'params.bias' });
  assertThrowsTyped(() => linear(bad(null), tensor([1, 2, 3, 4])), ArgumentError, { fn: 'linear', arg: 'params' });

  assertThrowsTyped(() => initMlp(key(0), bad(undefined)), ArgumentError, { fn: 'initMlp', arg: 'options' });
  assertThrowsTyped(() => initMlp(key(0), { inSize: 2, outSize: 1, widthSize: 4, depth: -1 }), ArgumentError, { fn: 'initMlp', arg: 'options.depth' });
  assertThrowsTyped(() => initMlp(key(0), { inSize: 2, outSize: 1, widthSize: 0, depth: 1 }), ArgumentError, { fn: 'initMlp', arg: 'options.widthSize' });
  assertThrowsTyped(() => initMlp(bad(7), { inSize: 2, outSize: 1, widthSize: 4, depth: 1 }), ArgumentError, { fn: 'initMlp', arg: 'key' });
  assertThrowsTyped(() => mlpParameterCount({ inSize: 2, outSize: NaN, widthSize: 4, depth: 1 }), ArgumentError, { fn: 'mlpParameterCount', arg: 'options.outSize' });

  const m = initMlp(key(0), { inSize: 2, outSize: 1, widthSize: 4, depth: 1 });
  assertThrowsTyped(() => mlp(m, tensor([1, 2, 3])), ShapeError, { fn: 'mlp', arg: 'x' });
  assertThrowsTyped(() => mlp({ layers: [] }, tensor([1, 2])), ArgumentError, { fn: 'mlp', arg: 'params.layers' });
  assertThrowsTyped(() => mlp({ layers: [m.layers[0]!, m.layers[0]!] }, tensor([1, 2])), ShapeError, { fn: 'mlp', arg: 'params.layers[1].weight' });
  assertThrowsTyped(() => mlp(m, tensor([1, 2]), { activation: bad('relu') }), ArgumentError, { fn: 'mlp', arg: 'options.activation' });
  assertThrowsTyped(() => mlp(m, tensor([1, 2]), bad(3)), ArgumentError, { fn: 'mlp', arg: 'options' });
  assertThrowsTyped(() => parameterCount(bad({ a: new Map() })), ArgumentError, { fn: 'parameterCount' });

  assertThrowsTyped(() => shuffledBatches(key(0), 10, 0), ArgumentError, { fn: 'shuffledBatches', arg: 'batchSize' });
  assertThrowsTyped(() => shuffledBatches(key(0), 10, 2.5), ArgumentError, { fn: 'shuffledBatches', arg: 'batchSize' });
  assertThrowsTyped(() => shuffledBatches(key(0), -1, 2), ArgumentError, { fn: 'shuffledBatches', arg: 'n' });
  assertThrowsTyped(() => shuffledBatches(bad(null), 4, 2), ArgumentError, { fn: 'shuffledBatches', arg: 'key' });
  assertThrowsTyped(() => shuffledBatches(key(0), 4, 2, { dropLast: bad('yes') }), ArgumentError, { fn: 'shuffledBatches', arg: 'options.dropLast' });

  const x = tensor([[1, 2], [3, 4]]);
  assertThrowsTyped(() => takeRows(x, [2]), ArgumentError, { fn: 'takeRows', arg: 'indices', includes: ['[0, 1]', 'got 2'] });
  assertThrowsTyped(() => takeRows(x, [-1]), ArgumentError, { fn: 'takeRows', arg: 'indices' });
  assertThrowsTyped(() => takeRows(x, [0.5]), ArgumentError, { fn: 'takeRows', arg: 'indices' });
  assertThrowsTyped(() => takeRows(x, bad(1)), ArgumentError, { fn: 'takeRows', arg: 'indices' });
  assertThrowsTyped(() => takeRows(scalar(1), [0]), ShapeError, { fn: 'takeRows', arg: 'x' });
  assertThrowsTyped(() => takeRows(bad([[1]]), [0]), ArgumentError, { fn: 'takeRows', arg: 'x' });
});

test.run();
