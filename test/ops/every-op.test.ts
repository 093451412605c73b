/**
 * Every exported op is listed here, either with a float64 gradcheck at a generic point or
 * as non-differentiable (integer or boolean results) or as a utility. A new op that is
 * not listed fails the first test, so no op ships without a gradient check.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ops from '../../src/ops/index.js';
import { type Tensor, eye, gradcheck, random, randomNormal, randomUniform, tensor } from '../../src/index.js';

const k = random.split(random.key(42), 12);
const x = randomNormal(k[0]!, [3, 4]);
const y = randomNormal(k[1]!, [3, 4]);
const pos = randomUniform(k[2]!, [3, 4], { low: 0.5, high: 2 });
const unit = randomUniform(k[3]!, [3, 4], { low: -0.8, high: 0.8 });
const v = randomNormal(k[4]!, [4]);
const m = randomNormal(k[5]!, [4, 2]);
const idx = tensor([2, 0, 2], { dtype: 'int32' });
const z = ops.complex(x, y);
// A lower-bidiagonal 4 x 4 sparse pattern and values for it.
const CSR = {
  nRows: 4, nCols: 4, indptr: Int32Array.from([0, 1, 3, 5, 7]),
  indices: Int32Array.from([0, 0, 1, 1, 2, 2, 3]), rows: Int32Array.from([0, 1, 1, 2, 2, 3, 3]),
};
const sv = randomNormal(k[9]!, [7]);
const w = ops.complex(pos, unit);
const kc = random.split(k[11]!, 2);

type Case = [(...xs: Tensor[]) => Tensor, Tensor[], Parameters<typeof gradcheck>[2]?];
const { sum } = ops;

/** One gradcheck per differentiable op (the function under test is applied first). */
const DIFFERENTIABLE: Record<string, Case> = {
  neg: [ops.neg, [x]], abs: [ops.abs, [pos]], square: [ops.square, [x]], reciprocal: [ops.reciprocal, [pos]],
  relu: [ops.relu, [pos]], exp: [ops.exp, [x]], expm1: [ops.expm1, [x]], log: [ops.log, [pos]],
  log1p: [ops.log1p, [pos]], log2: [ops.log2, [pos]], log10: [ops.log10, [pos]], sqrt: [ops.sqrt, [pos]],
  sin: [ops.sin, [x]], cos: [ops.cos, [x]], tan: [ops.tan, [unit]], asin: [ops.asin, [unit]], acos: [ops.acos, [unit]],
  atan: [ops.atan, [x]], sinh: [ops.sinh, [x]], cosh: [ops.cosh, [x]], tanh: [ops.tanh, [x]], sigmoid: [ops.sigmoid, [x]],
  erf: [ops.erf, [x]], add: [ops.add, [x, v]], sub: [ops.sub, [x, v]], mul: [ops.mul, [x, v]], div: [ops.div, [x, pos]],
  pow: [ops.pow, [pos, y]], maximum: [ops.maximum, [x, y]], minimum: [ops.minimum, [x, y]], atan2: [ops.atan2, [x, pos]],
  mod: [ops.mod, [x, pos]], where: [(a, b) => ops.where(ops.greater(a, 0), a, b), [x, y]],
  // Through float32 the function is a staircase at the 1e-7 scale: difference over it.
  cast: [(a) => ops.cast(ops.cast(a, 'float32'), 'float64'), [x], { eps: 1e-2, atol: 1e-5, rtol: 1e-4 }], clip: [(a) => ops.clip(a, -0.5, 0.5), [x]],
  sum: [(a) => sum(a, 1), [x]], prod: [(a) => ops.prod(a, 0), [x]], max: [(a) => ops.max(a, 1), [x]],
  min: [(a) => ops.min(a, 0), [x]], mean: [(a) => ops.mean(a, [0, 1]), [x]], variance: [(a) => ops.variance(a, 1), [x]],
  std: [(a) => ops.std(a, 0), [x]], norm: [(a) => ops.norm(a, 3, 1), [x]], logsumexp: [(a) => ops.logsumexp(a, 1), [x]],
  matmul: [ops.matmul, [x, m]], dot: [ops.dot, [v, v]], outer: [ops.outer, [v, v]],
  reshape: [(a) => ops.reshape(a, [2, -1]), [x]], transpose: [(a) => ops.transpose(a), [x]],
  swapAxes: [(a) => ops.swapAxes(a, 0, 1), [x]], moveAxis: [(a) => ops.moveAxis(a, 0, 1), [x]],
  matrixTranspose: [ops.matrixTranspose, [x]], broadcastTo: [(a) => ops.broadcastTo(a, [2, 4]), [v]],
  expandDims: [(a) => ops.expandDims(a, 1), [x]], squeeze: [(a) => ops.squeeze(ops.expandDims(a, 0)), [x]],
  slice: [(a) => ops.slice(a, [null, null, -2], 1), [x]], flip: [(a) => ops.flip(a, 1), [x]],
  concat: [(a, b) => ops.concat([a, b], 1), [x, y]], stack: [(a, b) => ops.stack([a, b], 2), [x, y]],
  split: [(a) => ops.split(a, [1, 3], 1)[1]!, [x]], pad: [(a) => ops.pad(a, [[1, 2], [3, 0]], { mode: 'reflect' }), [x]],
  roll: [(a) => ops.roll(a, [1, -5], [0, 1]), [x]], take: [(a) => ops.take(a, idx, 1), [x]],
  scatterAdd: [(a, b) => ops.scatterAdd(a, idx, b, 0), [x, randomNormal(k[6]!, [3, 4])]],
  gelu: [(a) => ops.gelu(a), [x]], softplus: [ops.softplus, [x]], silu: [ops.silu, [x]], leakyRelu: [(a) => ops.leakyRelu(a), [x]],
  softmax: [(a) => ops.softmax(a, 0), [x]], logSoftmax: [(a) => ops.logSoftmax(a), [x]],
  identity: [ops.identity, [x]], sumTo: [(a) => ops.sumTo(a, [1, 4]), [x]],
  complex: [ops.complex, [x, y]], real: [ops.real, [z]], imag: [ops.imag, [z]], conj: [ops.conj, [z]],
  angle: [ops.angle, [z]],
  stencil: [(a) => ops.stencil(a, { terms: [{ offset: [0, 1], coef: 2 }, { offset: [-1, 0], coef: -1 }], boundary: ['edge', 'wrap'] }), [x]],
  stencilRelax: [(a, b, c) => ops.stencilRelax(a, b, c, { terms: [{ offset: [1], coef: 0.5 }], boundary: ['zero'] }), [x, y, v]],
  spmv: [(vals, a) => ops.spmv(vals, a, CSR), [sv, x]],
  triangularSolve: [(vals, a) => ops.triangularSolve(ops.add(vals, 3), a, CSR, { lower: true, transpose: true }), [sv, x]],
  axpy: [(al, a, b) => ops.axpy(al, a, b), [ops.sum(y, 1, { keepdims: true }), x, y]],
  vdot: [(a, b) => ops.vdot(a, b, 1), [x, y]],
  solve: [(a, b) => ops.solve(ops.add(a, ops.mul(eye(4), 5)), b), [randomNormal(k[7]!, [4, 4]), randomNormal(k[8]!, [3, 4])]],
  gridTransfer: [(a) => ops.gridTransfer(ops.gridTransfer(a, 0, 'zero', true), 1, 'wrap', false), [randomNormal(k[10]!, [5, 4])]],
  // Both paddings in one entry (one key per op): zero, and periodic with per-axis dilation.
  conv: [
    (a, b) => ops.concat([ops.conv(a, b), ops.conv(a, b, { padding: 'periodic', dilation: [1, 2] })], 1),
    [randomNormal(kc[0]!, [2, 2, 4, 5]), randomNormal(kc[1]!, [3, 2, 3, 3])],
  ],
};

/** Ops that also take complex tensors, checked on complex128 inputs (real and imaginary parts). */
const COMPLEX: Record<string, Case> = {
  neg: [ops.neg, [z]], abs: [ops.abs, [z]], square: [ops.square, [z]], reciprocal: [ops.reciprocal, [w]],
  exp: [ops.exp, [z]], add: [ops.add, [z, w]], sub: [ops.sub, [z, v]], mul: [ops.mul, [z, w]], div: [ops.div, [z, w]],
  where: [(a, b) => ops.where(ops.greater(x, 0), a, b), [z, w]], cast: [(a) => ops.cast(a, 'complex128'), [x]],
  sum: [(a) => sum(a, 0), [z]], mean: [(a) => ops.mean(a, 1), [z]], variance: [(a) => ops.variance(a, 1), [z]],
  norm: [(a) => ops.norm(a, 2, 1), [z]], reshape: [(a) => ops.reshape(a, [-1]), [z]], transpose: [(a) => ops.transpose(a), [z]],
  broadcastTo: [(a) => ops.broadcastTo(a, [2, 3, 4]), [z]], slice: [(a) => ops.slice(a, [null, null, -1], [1, 3]), [z]],
  concat: [(a, b) => ops.concat([a, b], 1), [z, w]], pad: [(a) => ops.pad(a, [[1, 0], [0, 2]]), [z]],
  padWrap: [(a) => ops.pad(a, 2, { mode: 'wrap' }), [z]], roll: [(a) => ops.roll(a, 1, 1), [z]],
  take: [(a) => ops.take(a, idx, 1), [z]], scatterAdd: [(a, b) => ops.scatterAdd(a, idx, ops.complex(b, b), 0), [z, y]],
};

/** Ops whose results are integers or booleans, or whose derivative is zero wherever it exists. */
const NON_DIFFERENTIABLE = [
  'sign', 'floor', 'ceil', 'round', 'logicalNot', 'equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual',
  'logicalAnd', 'logicalOr', 'logicalXor', 'isNan', 'isFinite', 'argmax', 'argmin',
];
/** Not ops on tensors: conversion helpers, the primitive machinery, and the gradient cut. */
const UTILITIES = ['toTensor', 'checkTensor', 'bind', 'stopGradient', 'tidy', 'dispose', 'to', 'toAsync'];

test('every exported op is classified here', () => {
  const exported = Object.keys(ops).filter((name) => typeof (ops as Record<string, unknown>)[name] === 'function');
  const listed = new Set([...Object.keys(DIFFERENTIABLE), ...NON_DIFFERENTIABLE, ...UTILITIES]);
  assert.equal(exported.filter((n) => !listed.has(n)), [], 'ops without a gradcheck or a classification');
  assert.equal([...listed].filter((n) => !exported.includes(n)), [], 'listed names that are not exported');
});

for (const [name, [f, inputs, options]] of Object.entries(DIFFERENTIABLE)) {
  test(`gradcheck ${name}`, () => {
    const r = gradcheck(f, inputs, options);
    assert.ok(r.ok, `${name}: ${r.message}`);
  });
}

for (const [name, [f, inputs]] of Object.entries(COMPLEX)) {
  test(`gradcheck ${name} on complex values`, () => {
    const r = gradcheck(f, inputs);
    assert.ok(r.ok, `${name}: ${r.message}`);
  });
}

test('non-differentiable ops pass no gradient', () => {
  const fns: Record<string, (a: Tensor) => Tensor> = {
    sign: ops.sign, floor: ops.floor, ceil: ops.ceil, round: ops.round,
  };
  for (const [name, f] of Object.entries(fns)) {
    const g = ops.identity(x);
    const r = gradcheck((a) => ops.add(f(a), ops.mul(a, 0)), [g]);
    assert.ok(r.ok, `${name}: ${r.message}`);
  }
});

test.run();
