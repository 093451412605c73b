/**
 * conv: 1-D and 2-D "same" convolutions against a naive float64 loop (zero and periodic
 * padding, dilations, batches and channels, kernels wider than the grid, strided
 * operands, float32 and mixed dtypes), periodic convolutions against circular
 * convolution by FFT, a worked example by hand; float64 gradient checks of both
 * arguments (first and second order), jvp and the weight gradient against a reference;
 * typed errors for every validation.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ArgumentError, type Backend, DTypeError, ShapeError, type Tensor,
  add, concat, conv, cpu, expandDims, grad, irfftn, jvp, mul, rfftn, slice, square, sum, tensor, transpose, zeros,
} from '../../src/index.js';
import { CpuStorage } from '../../src/backend/cpu/storage.js';
import { checkGrad } from '../helpers/checks.js';
import { assertClose, assertDType, assertEqualValues, assertShape, assertThrowsTyped, flatten, randomTensor } from '../helpers/assert-close.js';

type Padding = 'zero' | 'periodic';

let seed = 100;
const rnd = (shape: number[], dtype: 'float32' | 'float64' = 'float64') => randomTensor(shape, { seed: seed++, dtype });

/**
 * The definition, element by element: out[n,co,p] = sum_{ci,t} w[co,ci,t] x[n,ci,p + (t-c) d],
 * reads outside the grid 0 (zero) or wrapped (periodic). Works for any number of spatial axes.
 */
function convRef(x: Tensor, w: Tensor, padding: Padding, dilation: number[]): { shape: number[]; values: number[] } {
  const xv = flatten(x);
  const wv = flatten(w);
  const [N, Cin] = x.shape as [number, number];
  const Cout = w.shape[0]!;
  const S = x.shape.slice(2);
  const K = w.shape.slice(2);
  const D = S.length;
  const sp = S.reduce((a, b) => a * b, 1);
  const kt = K.reduce((a, b) => a * b, 1);
  const unravel = (f: number, shape: number[]): number[] => {
    const idx = new Array<number>(shape.length);
    for (let i = shape.length - 1; i >= 0; i--) {
      idx[i] = f % shape[i]!;
      f = Math.floor(f / shape[i]!);
    }
    return idx;
  };
  const values: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let co = 0; co < Cout; co++) {
      for (let p = 0; p < sp; p++) {
        const pi = unravel(p, S);
        let s = 0;
        for (let ci = 0; ci < Cin; ci++) {
          for (let t = 0; t < kt; t++) {
            const ti = unravel(t, K);
            let q = 0;
            let inside = true;
            for (let a = 0; a < D; a++) {
              let r = pi[a]! + (ti[a]! - (K[a]! - 1) / 2) * dilation[a]!;
              if (padding === 'periodic') r = ((r % S[a]!) + S[a]!) % S[a]!;
              else if (r < 0 || r >= S[a]!) inside = false;
              q = q * S[a]! + r;
            }
            if (inside) s += wv[(co * Cin + ci) * kt + t]! * xv[(n * Cin + ci) * sp + q]!;
          }
        }
        values.push(s);
      }
    }
  }
  return { shape: [N, Cout, ...S], values };
}

/** dW[co,ci,t] = sum_{n,p} g[n,co,p] x[n,ci,p + (t-c) d], by the definition. */
function weightGradRef(x: Tensor, g: Tensor, kernel: number[], padding: Padding, dilation: number[]): number[] {
  // Linear in w: dW[j] = <g, conv(x, e_j)> with e_j the j-th unit kernel.
  const [Cout, Cin] = [g.shape[1]!, x.shape[1]!];
  const n = Cout * Cin * kernel.reduce((a, b) => a * b, 1);
  const gv = flatten(g);
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n);
    e[j] = 1;
    const y = convRef(x, tensor(e, { shape: [Cout, Cin, ...kernel] }), padding, dilation).values;
    out.push(y.reduce((s, v, i) => s + v * gv[i]!, 0));
  }
  return out;
}

function checkConv(x: Tensor, w: Tensor, padding: Padding, dilation: number[], label = '', tol = 1e-13): void {
  const ref = convRef(x, w, padding, dilation);
  const y = conv(x, w, { padding, dilation });
  const msg = `${label} x [${x.shape}] w [${w.shape}] ${padding} dilation [${dilation}]`;
  assertShape(y, ref.shape, msg);
  assertClose(y, ref.values, { rtol: tol, atol: tol, message: msg });
}

// ---------------------------------------------------------------------------------------
// Values

test('a worked 1-D example by hand, both paddings', () => {
  const x = tensor([[[1, 2, 3, 4]]]);
  const w = tensor([[[1, 0, -1]]]);
  // out[p] = x[p-1] - x[p+1]
  assertEqualValues(conv(x, w), [[[-2, -2, -2, 3]]]);
  assertEqualValues(conv(x, w, { padding: 'periodic' }), [[[2, -2, -2, 2]]]);
  // Dilation 2: out[p] = x[p-2] - x[p+2].
  assertEqualValues(conv(x, w, { dilation: 2 }), [[[-3, -4, 1, 2]]]);
  assertEqualValues(conv(x, w, { padding: 'periodic', dilation: [2] }), [[[0, 0, 0, 0]]]);
  // The kernel is not flipped: a one-sided kernel reads to the right.
  assertEqualValues(conv(x, tensor([[[0, 0, 1]]]), { padding: 'periodic' }), [[[2, 3, 4, 1]]]);
});

test('1-D: both paddings, dilations 1-3, batches and channels, kernel sizes 1-7', () => {
  const cases: [number, number, number, number, number][] = [
    // N, Cin, Cout, L, k
    [1, 1, 1, 8, 3], [2, 3, 4, 9, 3], [3, 2, 5, 16, 5], [2, 4, 3, 7, 1], [1, 2, 2, 12, 7], [4, 1, 3, 5, 3],
  ];
  for (const [N, Cin, Cout, L, k] of cases) {
    for (const padding of ['zero', 'periodic'] as const) {
      for (const d of [1, 2, 3]) checkConv(rnd([N, Cin, L]), rnd([Cout, Cin, k]), padding, [d]);
    }
  }
});

test('2-D: both paddings, equal and per-axis dilations, batches and channels, rectangular kernels', () => {
  const cases: [number[], number[], number[]][] = [
    // x shape, w shape, dilation
    [[1, 1, 5, 6], [1, 1, 3, 3], [1, 1]], [[2, 3, 6, 5], [4, 3, 3, 3], [1, 1]], [[2, 3, 6, 5], [4, 3, 3, 3], [2, 2]],
    [[3, 2, 7, 8], [2, 2, 5, 3], [1, 2]], [[2, 2, 4, 9], [3, 2, 1, 5], [3, 1]], [[1, 4, 8, 8], [5, 4, 3, 5], [2, 3]],
    [[2, 1, 1, 7], [2, 1, 3, 3], [1, 1]],
  ];
  for (const [sx, sw, d] of cases) {
    for (const padding of ['zero', 'periodic'] as const) checkConv(rnd(sx), rnd(sw), padding, d);
  }
});

test('kernels and dilations reaching past the grid (several wraps when periodic)', () => {
  for (const padding of ['zero', 'periodic'] as const) {
    checkConv(rnd([2, 2, 3]), rnd([2, 2, 7]), padding, [1], 'wide kernel');
    checkConv(rnd([1, 2, 4]), rnd([3, 2, 5]), padding, [5], 'dilation beyond the grid');
    checkConv(rnd([2, 1, 1]), rnd([1, 1, 3]), padding, [1], 'one point');
    checkConv(rnd([1, 2, 3, 2]), rnd([2, 2, 7, 5]), padding, [2, 3], '2-D wide and dilated');
  }
  // Zero padding with every tap outside but the centre is the centre tap alone.
  const x = rnd([2, 3, 4]);
  const w = rnd([2, 3, 3]);
  assertClose(conv(x, w, { dilation: 4 }), conv(x, slice(w, null, null, [1, 2])), { rtol: 1e-15 });
});

test('empty batch and channel extents give empty or zero results', () => {
  assertShape(conv(zeros([0, 2, 5]), zeros([3, 2, 3])), [0, 3, 5]);
  assertEqualValues(conv(zeros([2, 0, 5]), zeros([3, 0, 3]), { padding: 'periodic' }), zeros([2, 3, 5]));
  assertShape(conv(zeros([2, 2, 4, 4]), zeros([0, 2, 3, 3])), [2, 0, 4, 4]);
});

test('periodic 1-D convolution equals circular convolution by FFT', () => {
  for (const [N, Cin, Cout, L, k, d] of [[1, 1, 1, 16, 3, 1], [2, 3, 2, 12, 5, 2], [3, 2, 4, 15, 3, 4]] as const) {
    const x = rnd([N, Cin, L]);
    const w = rnd([Cout, Cin, k]);
    // Cross-correlation: out = sum_t w[t] x[p + (t - c) d] = (x circ-conv h)[p] with
    // h[-(t - c) d mod L] += w[t].
    const wv = flatten(w);
    const h = new Float64Array(Cout * Cin * L);
    for (let j = 0; j < Cout * Cin; j++) {
      for (let t = 0; t < k; t++) {
        const m = (((-(t - (k - 1) / 2) * d) % L) + L) % L;
        h[j * L + m] = h[j * L + m]! + wv[j * k + t]!;
      }
    }
    const X = expandDims(rfftn(x, undefined, [2]), 1); // [N, 1, Cin, F]
    const H = rfftn(tensor(h, { shape: [Cout, Cin, L] }), undefined, [2]); // [Cout, Cin, F]
    const viaFft = irfftn(sum(mul(X, H), 2), [L], [2]);
    assertClose(conv(x, w, { padding: 'periodic', dilation: d }), viaFft, { rtol: 1e-12, atol: 1e-12, message: `L ${L} k ${k} d ${d}` });
  }
});

test('periodic 2-D convolution equals circular convolution by 2-D FFT', () => {
  const [N, Cin, Cout, Hn, Wn, kh, kw] = [2, 2, 3, 6, 8, 3, 5];
  const dil = [2, 1];
  const x = rnd([N, Cin, Hn, Wn]);
  const w = rnd([Cout, Cin, kh, kw]);
  const wv = flatten(w);
  const h = new Float64Array(Cout * Cin * Hn * Wn);
  for (let j = 0; j < Cout * Cin; j++) {
    for (let a = 0; a < kh; a++) {
      for (let b = 0; b < kw; b++) {
        const r = (((-(a - (kh - 1) / 2) * dil[0]!) % Hn) + Hn) % Hn;
        const c = (((-(b - (kw - 1) / 2) * dil[1]!) % Wn) + Wn) % Wn;
        h[j * Hn * Wn + r * Wn + c]! += wv[(j * kh + a) * kw + b]!;
      }
    }
  }
  const X = expandDims(rfftn(x, undefined, [2, 3]), 1);
  const H = rfftn(tensor(h, { shape: [Cout, Cin, Hn, Wn] }), undefined, [2, 3]);
  const viaFft = irfftn(sum(mul(X, H), 2), [Hn, Wn], [2, 3]);
  assertClose(conv(x, w, { padding: 'periodic', dilation: dil }), viaFft, { rtol: 1e-12, atol: 1e-12 });
});

test('strided operands: transposed, stepped, reversed and offset views', () => {
  const base = rnd([9, 3, 2]);
  const xt = transpose(base, [2, 1, 0]); // [2, 3, 9], non-contiguous
  const wr = slice(rnd([4, 3, 5]), null, null, [null, null, -1]); // reversed taps
  for (const padding of ['zero', 'periodic'] as const) {
    checkConv(xt, wr, padding, [2], 'transposed x, reversed w');
    checkConv(slice(rnd([3, 4, 20]), [1], [null, null, 2], [1, 19, 2]), rnd([2, 2, 3]), padding, [1], 'stepped x');
    checkConv(rnd([2, 2, 9]), transpose(rnd([3, 2, 3]), [2, 1, 0]), padding, [1], 'transposed w');
    checkConv(slice(rnd([5, 2, 9]), [2, 4]), slice(rnd([4, 2, 3]), [1, 3]), padding, [2], 'dense views at an offset');
    const x2 = transpose(rnd([2, 6, 5, 3]), [0, 3, 2, 1]); // [2, 3, 5, 6]
    checkConv(x2, slice(rnd([5, 3, 5, 3]), [1, 4]), padding, [1, 2], '2-D transposed x, offset w');
  }
});

test('dtypes: float32 stays float32, mixed float32/float64 promotes to float64', () => {
  const x = rnd([2, 3, 10], 'float32');
  const w = rnd([2, 3, 3], 'float32');
  for (const padding of ['zero', 'periodic'] as const) {
    const y = conv(x, w, { padding });
    assertDType(y, 'float32');
    assertClose(y, convRef(x, w, padding, [1]).values.map(Math.fround), { rtol: 1e-6, atol: 1e-6 });
  }
  const w64 = rnd([2, 3, 3]);
  const ym = conv(x, w64);
  assertDType(ym, 'float64');
  assertClose(ym, convRef(x, w64, 'zero', [1]).values, { rtol: 1e-13, atol: 1e-13 });
  assertDType(conv(rnd([1, 1, 4, 4]), rnd([1, 1, 3, 3], 'float32')), 'float64');
});

// ---------------------------------------------------------------------------------------
// Gradients

test('gradcheck x and w, 1-D, both paddings, dilations 1 and 2', () => {
  for (const padding of ['zero', 'periodic'] as const) {
    for (const dilation of [1, 2]) {
      checkGrad((a, b) => conv(a!, b!, { padding, dilation }), [rnd([2, 3, 7]), rnd([2, 3, 3])], `1-D ${padding} d${dilation}`);
    }
    checkGrad((a, b) => conv(a!, b!, { padding }), [rnd([1, 2, 4]), rnd([3, 2, 5])], `1-D ${padding} wide kernel`);
    checkGrad((a, b) => conv(slice(a!, [1]), slice(b!, [1]), { padding }), [rnd([3, 2, 6]), rnd([3, 2, 3])], `1-D ${padding} offset views`);
  }
});

test('gradcheck x and w, 2-D, both paddings, dilations', () => {
  for (const padding of ['zero', 'periodic'] as const) {
    for (const dilation of [[1, 1], [2, 1]]) {
      checkGrad((a, b) => conv(a!, b!, { padding, dilation }), [rnd([2, 2, 5, 4]), rnd([3, 2, 3, 3])], `2-D ${padding} d${dilation}`);
    }
    checkGrad((a, b) => conv(a!, b!, { padding }), [rnd([1, 2, 3, 5]), rnd([5, 2, 3, 3])], `2-D ${padding} 5 output channels`);
  }
});

test('gradcheck through strided inputs and a small network (conv, bias, tanh, conv)', () => {
  checkGrad((a, b) => conv(transpose(a!, [2, 1, 0]), b!, { padding: 'periodic' }), [rnd([6, 2, 2]), rnd([2, 2, 3])]);
  checkGrad(
    (a, w1, b1, w2) => conv(add(conv(a!, w1!, { padding: 'periodic' }), b1!).tanh(), w2!, { padding: 'periodic', dilation: 2 }),
    [rnd([2, 1, 8]), rnd([3, 1, 3]), rnd([3, 1]), rnd([1, 3, 3])],
  );
});

test('second order: gradcheck of the gradients with respect to x and w, both paddings', () => {
  for (const padding of ['zero', 'periodic'] as const) {
    const loss = (a: Tensor, b: Tensor) => sum(square(conv(a, b, { padding, dilation: [1, 2] })).tanh());
    checkGrad((a, b) => grad(loss)(a!, b!), [rnd([1, 2, 4, 5]), rnd([2, 2, 3, 3])], `d/dx ${padding}`);
    checkGrad((a, b) => grad(loss, { argnums: 1 })(a!, b!), [rnd([1, 2, 4, 5]), rnd([2, 2, 3, 3])], `d/dw ${padding}`);
  }
});

test('the weight gradient equals its definition (1 to 9 output channels); jvp of the bilinear map', () => {
  const shapes: [number[], number[], number[]][] = [
    // x, w, dilation
    [[2, 2, 5, 4], [3, 2, 3, 1], [2, 2]], [[2, 3, 7], [4, 3, 3], [1]], [[1, 2, 4, 6], [5, 2, 3, 3], [1, 2]],
    [[3, 1, 9], [9, 1, 5], [2]], [[2, 2, 6], [1, 2, 1], [1]],
  ];
  for (const padding of ['zero', 'periodic'] as const) {
    for (const [sx, sw, dilation] of shapes) {
      const label = `${padding} x [${sx}] w [${sw}]`;
      const x = rnd(sx);
      const w = rnd(sw);
      const gShape = [sx[0]!, sw[0]!, ...sx.slice(2)];
      const g = rnd(gShape);
      const dw = grad((b: Tensor) => sum(mul(conv(x, b, { padding, dilation }), g)))(w);
      assertShape(dw, sw, label);
      assertClose(dw, weightGradRef(x, g, sw.slice(2), padding, dilation), { rtol: 1e-12, atol: 1e-12, message: label });
      // The cotangent reaching the kernel as a view at an offset (concat's VJP slices it).
      const g2 = rnd([gShape[0]! + 1, ...gShape.slice(1)]);
      const dw2 = grad((b: Tensor) => sum(mul(concat([zeros([1, ...gShape.slice(1)]), conv(x, b, { padding, dilation })], 0), g2)))(w);
      assertClose(dw2, weightGradRef(x, slice(g2, [1]), sw.slice(2), padding, dilation), { rtol: 1e-12, atol: 1e-12, message: `${label} offset` });
      const [tx, tw] = [rnd(sx), rnd(sw)];
      const [y, dy] = jvp((a: Tensor, b: Tensor) => conv(a, b, { padding, dilation }), [x, w], [tx, tw]);
      assertClose(y, conv(x, w, { padding, dilation }), { rtol: 0, atol: 0 });
      assertClose(dy, add(conv(tx, w, { padding, dilation }), conv(x, tw, { padding, dilation })), { rtol: 1e-12, atol: 1e-12, message: label });
    }
  }
});

// ---------------------------------------------------------------------------------------
// Errors

test('ranks, channels and kernel sizes are checked with ShapeError', () => {
  assertThrowsTyped(() => conv(zeros([2, 8]), zeros([1, 2, 3])), ShapeError, { fn: 'conv', arg: 'x', includes: ['[2,8]'] });
  assertThrowsTyped(() => conv(zeros([1, 1, 2, 2, 2]), zeros([1, 1, 1, 1, 1])), ShapeError, { fn: 'conv', arg: 'x' });
  assertThrowsTyped(() => conv(zeros([1, 2, 8]), zeros([1, 2, 3, 3])), ShapeError, { fn: 'conv', arg: 'w', includes: ['[1,2,3,3]', '[1,2,8]'] });
  assertThrowsTyped(() => conv(zeros([1, 2, 8]), zeros([4, 3, 3])), ShapeError, { fn: 'conv', arg: 'w', includes: ['2 input channels', '[4,3,3]'] });
  assertThrowsTyped(() => conv(zeros([1, 2, 8]), zeros([4, 2, 4])), ShapeError, { fn: 'conv', arg: 'w', includes: ['odd', '[4,2,4]'] });
  assertThrowsTyped(() => conv(zeros([1, 2, 8, 8]), zeros([4, 2, 3, 2])), ShapeError, { fn: 'conv', arg: 'w', includes: ['odd'] });
  assertThrowsTyped(() => conv(zeros([1, 2, 8, 8]), zeros([4, 2, 0, 3])), ShapeError, { fn: 'conv', arg: 'w' });
});

test('dtypes and non-tensors are rejected', () => {
  assertThrowsTyped(() => conv(zeros([1, 1, 4], { dtype: 'int32' }), zeros([1, 1, 3])), DTypeError, { fn: 'conv', arg: 'x', includes: ['int32'] });
  assertThrowsTyped(() => conv(zeros([1, 1, 4]), zeros([1, 1, 3], { dtype: 'complex128' })), DTypeError, { fn: 'conv', arg: 'w', includes: ['complex128'] });
  assertThrowsTyped(() => conv(zeros([1, 1, 4], { dtype: 'bool' }), zeros([1, 1, 3])), DTypeError, { fn: 'conv', arg: 'x' });
  assertThrowsTyped(() => conv(3 as unknown as Tensor, zeros([1, 1, 3])), ArgumentError, { fn: 'conv', arg: 'x' });
  assertThrowsTyped(() => conv(zeros([1, 1, 4]), [[[1, 2, 3]]] as unknown as Tensor), ArgumentError, { fn: 'conv', arg: 'w' });
});

test('padding and dilation options are validated with ArgumentError', () => {
  const x = zeros([1, 1, 6]);
  const w = zeros([1, 1, 3]);
  const x2 = zeros([1, 1, 6, 6]);
  const w2 = zeros([1, 1, 3, 3]);
  const bad = (o: unknown) => o as Parameters<typeof conv>[2];
  assertThrowsTyped(() => conv(x, w, bad({ padding: 'wrap' })), ArgumentError, { fn: 'conv', arg: 'options.padding', includes: ['"wrap"'] });
  assertThrowsTyped(() => conv(x, w, bad({ padding: 'reflect' })), ArgumentError, { fn: 'conv', arg: 'options.padding' });
  for (const d of [0, -1, 1.5, NaN, '2', [1, 1]]) {
    assertThrowsTyped(() => conv(x, w, bad({ dilation: d })), ArgumentError, { fn: 'conv', arg: 'options.dilation' });
  }
  for (const d of [[1], [1, 0], [2, 1.5], [1, 1, 1]]) {
    assertThrowsTyped(() => conv(x2, w2, bad({ dilation: d })), ArgumentError, { fn: 'conv', arg: 'options.dilation', includes: ['2 positive integers'] });
  }
  assertThrowsTyped(() => conv(x, w, bad(null)), ArgumentError, { fn: 'conv', arg: 'options' });
  // Valid forms still work.
  assertShape(conv(x2, w2, { dilation: [2, 3], padding: 'periodic' }), [1, 1, 6, 6]);
  assertShape(conv(x, w, { dilation: [4] }), [1, 1, 6]);
});

test('x and w must live on the same backend', () => {
  const other: Backend = { ...cpu, name: 'other', fromArray: (a) => new CpuStorage(other, a) };
  const wOther = tensor([[[1, 2, 3]]], { backend: other });
  assert.is(wOther.storage.backend, other);
  assertThrowsTyped(() => conv(zeros([1, 1, 4]), wOther), ArgumentError, { fn: 'conv', arg: 'w', includes: ["'cpu'", "'other'"] });
});

test.run();
