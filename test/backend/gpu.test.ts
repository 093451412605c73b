/**
 * The GPU backend against the float64 CPU reference, on every gpu.js mode this
 * environment runs: `cpu` and `webasm` in Node, `webgl2` and `webgpu` (SwiftShader) in
 * headless Chromium. Each op runs on float32 device tensors and is compared with the
 * same op on float64 CPU tensors, with tolerances suited to float32; results are read
 * back with `await x.data()`, the one read that works on every mode. Tolerances (max-abs
 * error relative to the reference's max-abs) are float32's on every mode: the kernels
 * compute sin, cos, log1p and expm1 themselves (kernels/math.ts) rather than trust shader
 * math.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as d from '../../src/index.js';
import type { GpuBackend, GpuMode, Tensor } from '../../src/index.js';
import type { StencilSpec } from '../../src/backend/index.js';
import { isBrowser } from '../helpers/env.js';

const MODES: readonly GpuMode[] = isBrowser ? ['webgl2', 'webgpu'] : ['cpu', 'webasm'];

const key = d.random.key(7);
const ks = d.random.split(key, 16);
const x34 = d.randomNormal(ks[0]!, [3, 4]);
const y34 = d.randomNormal(ks[1]!, [3, 4]);
const pos34 = d.randomUniform(ks[2]!, [3, 4], { low: 0.5, high: 2 });
const unit34 = d.randomUniform(ks[3]!, [3, 4], { low: -0.8, high: 0.8 });
const v4 = d.randomNormal(ks[4]!, [4]);
const c3 = d.randomNormal(ks[5]!, [3, 1]);
const x234 = d.randomNormal(ks[6]!, [2, 3, 4]);
const m45 = d.randomNormal(ks[7]!, [4, 5]);
const b245 = d.randomNormal(ks[8]!, [2, 4, 5]);
const long = d.randomNormal(ks[9]!, [3, 3000]);
const z34 = d.complex(x34, y34);
const w34 = d.complex(pos34, unit34);
const sig = d.randomNormal(ks[10]!, [3, 160]);
const img = d.randomNormal(ks[11]!, [2, 12, 10]);
const grid = d.randomNormal(ks[12]!, [2, 9, 8]);
const cube = d.randomNormal(ks[13]!, [5, 6, 4]);
const idx = d.tensor([2, 0, 2, 1], { dtype: 'int32' });

const lap = (boundary: readonly ('zero' | 'edge' | 'wrap')[]): StencilSpec => {
  const dims = boundary.length;
  const terms = [{ offset: new Array(dims).fill(0), coef: -2 * dims }];
  for (let a = 0; a < dims; a++) {
    for (const s of [-1, 1]) terms.push({ offset: Array.from({ length: dims }, (_, j) => (j === a ? s : 0)), coef: 1 });
  }
  // An asymmetric term, so that the transpose differs.
  terms.push({ offset: Array.from({ length: dims }, (_, j) => (j === 0 ? 2 : 0)), coef: 0.25 });
  return { terms, boundary };
};

type Case = [name: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], tol?: number];

const UNARY: [string, Tensor][] = [
  ['neg', x34], ['abs', x34], ['sign', x34], ['square', x34], ['reciprocal', pos34], ['relu', x34], ['exp', x34],
  ['expm1', d.mul(x34, 0.01)], ['log', pos34], ['log1p', d.mul(pos34, 0.001)], ['log2', pos34], ['log10', pos34],
  ['sqrt', pos34], ['sin', x34], ['cos', x34], ['tan', unit34], ['asin', unit34], ['acos', unit34], ['atan', x34],
  ['sinh', x34], ['cosh', x34], ['tanh', x34], ['sigmoid', x34], ['erf', x34], ['floor', d.mul(x34, 3)],
  ['ceil', d.mul(x34, 3)], ['round', d.tensor([0.5, 1.5, 2.5, -0.5, -1.4, 2.6])],
];

const fns = d as unknown as Record<string, (...a: unknown[]) => Tensor>;

const CASES: Case[] = [
  ...UNARY.map(([op, x]): Case => [op, (a) => fns[op]!(a), [x]]),
  // Arguments up to about 800, exactly representable in float32 (so the reference sees the same ones).
  ['sin and cos of large arguments', (a) => d.add(d.sin(a), d.cos(a)), [d.cast(d.cast(d.mul(x34, 300), 'float32'), 'float64')]],
  ['logicalNot', (a) => d.logicalNot(d.greater(a, 0)), [x34]],
  ...['add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'atan2', 'mod'].flatMap((op): Case[] => [
    [`${op} same shape`, (a, b) => fns[op]!(a, b), [x34, op === 'mod' ? pos34 : y34]],
    [`${op} trailing broadcast`, (a, b) => fns[op]!(a, b), [x34, op === 'div' || op === 'mod' ? d.add(d.abs(v4), 0.5) : v4]],
    [`${op} leading broadcast`, (a, b) => fns[op]!(a, b), [x34, op === 'div' || op === 'mod' ? d.add(d.abs(c3), 0.5) : c3]],
  ]),
  ['pow', (a, b) => d.pow(a, b), [pos34, y34]],
  ['pow of negatives by integers', (a, b) => d.pow(a, b), [x34, d.tensor([2, 3, -1, 0])]],
  ['add a number', (a) => d.add(a, 1.5), [x34]],
  ['number minus tensor, tensor over number', (a) => d.div(d.sub(2, a), 4), [x34]],
  ['host scalars as operands, uploaded when a kernel needs an array', (a) => {
    const s = d.full([], 1.5, { dtype: a.dtype, backend: a.storage.backend });
    return d.add(d.where(d.greater(a, 0), a, s), d.add(d.exp(s), d.mul(s, s)));
  }, [x34]],
  ['add broadcast that is not one run', (a, b) => d.add(a, b), [x234, d.randomNormal(ks[14]!, [2, 1, 4])]],
  ['mul of transposed views', (a, b) => d.mul(d.transpose(a), b), [x34, d.transpose(y34)]],
  ...['equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'].map((op): Case =>
    [op, (a, b) => d.cast(fns[op]!(a, b), 'float32'), [d.round(x34), d.round(y34)]]),
  ...['logicalAnd', 'logicalOr', 'logicalXor'].map((op): Case =>
    [op, (a, b) => d.cast(fns[op]!(d.greater(a, 0), d.greater(b, 0)), 'float32'), [x34, y34]]),
  ['where', (a, b) => d.where(d.greater(a, 0), a, b), [x34, v4]],
  ['where on complex', (a, b) => d.real(d.where(d.greater(a, 0), d.complex(a, b), d.complex(b, a))), [x34, y34]],
  ['cast to int32 truncates', (a) => d.cast(d.cast(d.mul(a, 3), 'int32'), 'float32'), [x34]],
  ['cast to bool', (a) => d.cast(d.cast(d.round(a), 'bool'), 'float32'), [x34]],
  ['complex neg, conj, square, reciprocal, exp', (z) => d.real(d.add(d.add(d.neg(z), d.conj(z)), d.add(d.square(z), d.add(d.reciprocal(z), d.exp(z))))), [z34]],
  ['complex abs', (z) => d.abs(z), [z34]],
  ...['add', 'sub', 'mul', 'div'].map((op): Case => [`complex ${op}`, (a, b) => d.imag(fns[op]!(a, b)), [z34, w34]]),
  ['complex equal', (a) => d.cast(d.equal(a, d.conj(d.conj(a))), 'float32'), [z34]],
  ['sum', (a) => d.sum(a), [x234]],
  ...['sum', 'prod', 'max', 'min'].map((op): Case => [`${op} over axis 1`, (a) => fns[op]!(a, 1), [x234]]),
  ['sum over axes 0 and 2', (a) => d.sum(a, [0, 2]), [x234]],
  ['sum of long rows (chunked)', (a) => d.sum(a, 1), [long], 1e-4],
  ['max of long rows (chunked)', (a) => d.max(a, 1), [long]],
  ['sum of complex', (z) => d.real(d.sum(z, 0)), [z34]],
  ['sum of complex over the middle axis', (a, b) => d.imag(d.sum(d.complex(a, b), 1)), [x234, d.flip(x234, 2)]],
  ['sum and min of long columns (chunked, strided)', (a) => d.add(d.sum(d.transpose(a), 0), d.min(d.transpose(a), 0)), [long], 1e-4],
  ['sum over non-adjacent axes', (a) => d.sum(a, [0, 2]), [d.randomNormal(ks[8]!, [5, 3, 700])], 1e-5],
  ['argmax (CPU fallback)', (a) => d.cast(d.argmax(a, 1), 'float32'), [x34]],
  ['matmul', (a, b) => d.matmul(a, b), [x34, m45], 1e-5],
  ['matmul batched with broadcast', (a, b) => d.matmul(a, b), [x234, b245], 1e-5],
  ['matmul of transposed views', (a, b) => d.matmul(d.transpose(a), d.transpose(b)), [m45, x34], 1e-5],
  ['matmul 130 x 70', (a) => d.matmul(a, d.transpose(a)), [d.randomNormal(ks[15]!, [130, 70])], 1e-5],
  ['concat', (a, b) => d.concat([a, b, a], 1), [x34, y34]],
  ['pad', (a) => d.pad(a, [[1, 2], [0, 3]], { value: 1.5 }), [x34]],
  ['roll', (a) => d.roll(a, 2, 1), [x34]],
  ['take (CPU fallback)', (a, i) => d.take(a, i, 1), [x34, idx]],
  ['fft n=8', (z) => d.real(d.fft(z)), [d.complex(d.reshape(d.arange(16), [2, 8]), 0)], 1e-5],
  ['fft n=12 (radix 4 and 3)', (z) => d.imag(d.fft(z)), [d.complex(d.randomNormal(ks[0]!, [2, 12]), d.randomNormal(ks[1]!, [2, 12]))], 1e-5],
  ['fft n=7 (prime)', (z) => d.real(d.fft(z)), [d.complex(d.randomNormal(ks[2]!, [3, 7]), 0)], 1e-5],
  ['ifft n=160', (a) => d.real(d.ifft(d.complex(a, d.flip(a, -1)))), [sig], 1e-5],
  ['fft2 over the leading axes', (a) => d.imag(d.fft2(d.complex(a, 1), undefined, [0, 1])), [img], 1e-5],
  ['rfft n=160', (a) => d.imag(d.rfft(a)), [sig], 1e-5],
  ['rfft n=10', (a) => d.real(d.rfft(a)), [img], 1e-5],
  ['irfft n=160', (a) => d.irfft(d.rfft(a), 160), [sig], 1e-5],
  ['irfft odd n=9', (a) => d.irfft(d.rfft(a, 9), 9), [sig], 1e-5],
  ...[1, 2, 5, 8].map((n): Case => [`rfft and irfft in one pass, n=${n}`, (a) => d.add(d.irfft(d.rfft(a, n), n), d.sum(d.imag(d.rfft(a, n)))), [sig], 1e-5]),
  ['fft n=64 (radix 8)', (z) => d.imag(d.fft(z)), [d.complex(d.randomNormal(ks[6]!, [2, 64]), d.randomNormal(ks[7]!, [2, 64]))], 1e-5],
  ['rfft2 and irfft2', (a, c) => d.irfft2(d.mul(d.rfft2(a), c), [12, 10]), [img, d.complex(d.tensor(0.5), d.tensor(0.25))], 1e-5],
  ['stencil 1-D zero', (a) => d.stencil(a, lap(['zero'])), [sig]],
  ['stencil 2-D edge', (a) => d.stencil(a, lap(['edge', 'edge'])), [grid]],
  ['stencil 2-D wrap and zero, transposed', (a) => d.stencil(a, lap(['wrap', 'zero']), { transpose: true }), [grid]],
  ['stencil 2-D edge transposed (CPU fallback)', (a) => d.stencil(a, lap(['edge', 'edge']), { transpose: true }), [grid]],
  ['stencil 3-D wrap', (a) => d.stencil(a, lap(['wrap', 'wrap', 'wrap'])), [cube]],
  ['stencil relaxation (weighted Jacobi)', (a, b, w) => d.stencilRelax(a, b, w, lap(['zero', 'zero'])), [grid, d.flip(grid, 1), d.full([9, 8], -0.2)]],
  ['grid transfer (CPU fallback)', (a) => d.gridTransfer(a, 2, 'edge', true), [grid]],
  ['vdot', (a, b) => d.vdot(a, b, 2), [grid, d.flip(grid, 2)], 1e-5],
  ['axpy', (al, a, b) => d.axpy(al, a, b), [d.tensor([[[0.5]], [[-2]]]), grid, d.flip(grid, 2)]],
  ['conv 1-D zero padding', (a, w) => d.conv(a, w), [d.reshape(sig, [1, 3, 160]), d.randomNormal(ks[3]!, [4, 3, 5])], 1e-5],
  ['conv 1-D periodic, dilation 3', (a, w) => d.conv(a, w, { padding: 'periodic', dilation: 3 }), [d.reshape(sig, [3, 1, 160]), d.randomNormal(ks[4]!, [2, 1, 3])], 1e-5],
  ['conv 2-D periodic', (a, w) => d.conv(a, w, { padding: 'periodic' }), [d.reshape(img, [1, 2, 12, 10]), d.randomNormal(ks[5]!, [3, 2, 3, 3])], 1e-5],
  ['conv 2-D zero, dilation [2, 1]', (a, w) => d.conv(a, w, { dilation: [2, 1] }), [d.reshape(img, [2, 1, 12, 10]), d.randomNormal(ks[6]!, [2, 1, 3, 5])], 1e-5],
  ['conv weight gradient 2-D', (a, w) => d.grad((v: Tensor) => d.sum(d.square(d.conv(a, v, { padding: 'periodic' }))))(w), [d.reshape(img, [1, 2, 12, 10]), d.randomNormal(ks[5]!, [3, 2, 3, 3])], 1e-5],
  ['conv weight gradient 1-D', (a, w) => d.grad((v: Tensor) => d.sum(d.square(d.conv(a, v))))(w), [d.reshape(sig, [1, 3, 160]), d.randomNormal(ks[3]!, [4, 3, 5])], 1e-5],
  ['solve (CPU fallback)', (a, b) => d.solve(a, b), [d.add(d.mul(d.eye(4), 4), d.mul(d.reshape(d.arange(16), [4, 4]), 0.1)), v4], 1e-5],
];

/** Needs a synchronous read back to the CPU, which WebGPU lacks. */
const FALLBACK = /CPU fallback/;
/** Whose gradient needs one (the adjoint of an edge stencil). */
const GRAD_FALLBACK = /^stencil 2-D edge$/;

const onGpu = (x: Tensor, gpu: GpuBackend): Tensor =>
  d.to(x.dtype === 'float64' ? d.cast(x, 'float32') : x.dtype === 'complex128' ? d.cast(x, 'complex64') : x, gpu);

/** Max-abs error relative to the reference's max-abs (both read as plain numbers; NaNs must match). */
function relErr(got: ArrayLike<number>, ref: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    // NaN where the reference has NaN (a gradient of pow at a negative base) counts as equal.
    if (Number.isNaN(ref[i]!) && Number.isNaN(got[i]!)) continue;
    num = Math.max(num, Number.isNaN(got[i]!) ? Infinity : Math.abs(got[i]! - ref[i]!));
    den = Math.max(den, Math.abs(ref[i]!));
  }
  return den === 0 ? num : num / den;
}

for (const mode of MODES) {
  let gpu: GpuBackend;

  test(`${mode}: starts and says which gpu.js backend runs`, async () => {
    gpu = await d.createGpuBackend({ mode });
    assert.is(gpu.mode, mode);
    assert.is(gpu.name, 'gpu');
  });

  for (const [name, f, inputs, tol = 2e-6] of CASES) {
    test(`${mode}: ${name}`, async () => {
      const ref = f(...inputs);
      const args = inputs.map((x) => onGpu(x, gpu));
      if (mode === 'webgpu' && FALLBACK.test(name)) {
        assert.throws(() => f(...args), (e: Error) => e instanceof d.DifftapeError && /asynchronous/.test(e.message));
        return;
      }
      const out = f(...args);
      assert.equal(out.shape, ref.shape);
      assert.is(out.storage.backend, gpu);
      const err = relErr(await out.data(), ref.toTypedArray());
      assert.ok(err <= tol, `relative error ${err} > ${tol}`);
      // The same VJP rules, run on the device: the gradient of <f(...), c> for a fixed
      // cotangent c with respect to every floating input.
      // At a negative base the exponent's gradient a^b log(a) is NaN, which shaders need not produce.
      const argnums = inputs.flatMap((x, i) => (x.dtype === 'float64' || x.dtype === 'complex128' ? [i] : []))
        .filter((i) => !(name.startsWith('pow of negatives') && i === 1));
      const c = d.cos(d.reshape(d.arange(ref.size), ref.shape));
      const cg = onGpu(c, gpu);
      const loss = (ct: Tensor) => (...xs: Tensor[]) => d.sum(d.mul(f(...xs), ct));
      const gRef = d.grad(loss(c), { argnums })(...inputs) as Tensor[];
      if (mode === 'webgpu' && GRAD_FALLBACK.test(name)) {
        assert.throws(() => d.grad(loss(cg), { argnums })(...args), (e: Error) => e instanceof d.DifftapeError && /asynchronous/.test(e.message));
        return;
      }
      const gGpu = d.grad(loss(cg), { argnums })(...args) as Tensor[];
      for (let i = 0; i < argnums.length; i++) {
        const gErr = relErr(await gGpu[i]!.data(), gRef[i]!.toTypedArray());
        assert.ok(gErr <= 10 * tol, `gradient ${i}: relative error ${gErr} > ${10 * tol}`);
      }
    });
  }

  test(`${mode}: gradients through GPU ops match the CPU's`, async () => {
    const f = (a: Tensor, w: Tensor): Tensor => {
      const h = d.tanh(d.matmul(a, w));
      const spec = d.rfft(d.mul(d.sin(a), 2));
      return d.add(d.sum(d.mul(h, h)), d.sum(d.square(d.abs(spec))));
    };
    const w = d.randomNormal(ks[14]!, [4, 4]);
    const ref = d.grad(f, { argnums: [0, 1] })(x34, w) as Tensor[];
    const got = d.grad(f, { argnums: [0, 1] })(onGpu(x34, gpu), onGpu(w, gpu)) as Tensor[];
    for (let i = 0; i < 2; i++) {
      assert.is(got[i]!.storage.backend, gpu);
      const err = relErr(await got[i]!.data(), ref[i]!.toTypedArray());
      assert.ok(err < 1e-5, `gradient ${i}: relative error ${err}`);
    }
  });

  test(`${mode}: Jacobi, red-black Gauss-Seidel, CG and multigrid run on the device`, async () => {
    const b0 = d.cast(d.reshape(d.sin(d.arange(15 * 15)), [15, 15]), 'float32');
    const solvers: [string, (A: d.LinearOperator, b: Tensor) => Tensor][] = [
      ['jacobi', (A, b) => d.jacobi(A, b, { maxIter: 40 }).x],
      ['red-black Gauss-Seidel', (A, b) => d.gaussSeidel(A, b, { maxIter: 40, ordering: 'redBlack' }).x],
      ['cg', (A, b) => d.cg(A, b, { maxIter: 20 }).x],
      ['multigrid (CPU fallback)', (A, b) => d.multigrid(A, b, { maxIter: 2 }).x],
    ];
    const refs = solvers.map(([, f]) => f(d.poisson([15, 15], { dtype: 'float32' }), b0));
    // Operators and solvers make their constants on the default backend.
    d.setDefaultBackend(gpu);
    try {
      const A = d.poisson([15, 15], { dtype: 'float32' });
      for (let i = 0; i < solvers.length; i++) {
        const [name, f] = solvers[i]!;
        if (mode === 'webgpu') {
          // The solvers read residual norms back every iteration: synchronous reads.
          assert.throws(() => f(A, d.to(b0, gpu)), (e: Error) => e instanceof d.DifftapeError && /asynchronous/.test(e.message));
          continue;
        }
        const x = f(A, d.to(b0, gpu));
        assert.is(x.storage.backend, gpu, name);
        const err = relErr(await x.data(), refs[i]!.toTypedArray());
        assert.ok(err < 1e-5, `${name}: relative error ${err}`);
      }
    } finally {
      d.setDefaultBackend(d.cpu);
    }
  });

  test(`${mode}: gradients flow back through to()`, async () => {
    const f = (a: Tensor): Tensor => d.sum(d.mul(d.to(d.exp(d.to(d.cast(a, 'float32'), gpu)), d.cpu), a));
    if (mode === 'webgpu') {
      assert.throws(() => f(x34), /asynchronous/);
      return;
    }
    const g = d.grad(f)(x34);
    const ref = d.add(d.exp(x34), d.mul(d.exp(x34), x34));
    assert.is(g.storage.backend, d.cpu);
    assert.ok(relErr(g.toTypedArray(), ref.toTypedArray()) < 1e-6);
  });

  test(`${mode}: a 1000-step loop of ops and gradients leaves no device allocation behind`, async () => {
    const x = onGpu(sig, gpu);
    const half = onGpu(d.complex(d.tensor(0.5), d.tensor(0)), gpu);
    const start = gpu.liveAllocations;
    const step = (u: Tensor): Tensor => d.sum(d.mul(d.irfft(d.mul(d.rfft(u), half), 160), d.tanh(u)));
    let peak = start;
    for (let i = 0; i < 1000; i++) {
      const g = d.tidy(() => {
        const r = d.grad(step)(x);
        peak = Math.max(peak, gpu.liveAllocations);
        return r;
      });
      d.dispose(g);
    }
    assert.ok(peak > start + 10, 'the counter sees the intermediates');
    assert.is(gpu.liveAllocations, start);
  });

  test(`${mode}: float64 work is refused, never rounded silently`, () => {
    assert.throws(() => d.to(x34, gpu), (e: Error) => e instanceof d.DTypeError && /float32/.test(e.message));
    const g = onGpu(x34, gpu);
    assert.throws(() => d.cast(g, 'float64'), (e: Error) => e instanceof d.DTypeError && /float32/.test(e.message));
    assert.throws(() => d.zeros([2], { backend: gpu }), (e: Error) => e instanceof d.DTypeError);
    assert.is(d.add(d.cast(d.to(idx, gpu), 'int32'), 0.5).dtype, 'float32');
  });

  test(`${mode}: released tensors fail loudly; toAsync reads back`, async () => {
    const g = onGpu(x34, gpu);
    const back = await d.toAsync(g, d.cpu);
    assert.is(back.storage.backend, d.cpu);
    assert.ok(relErr(back.toTypedArray(), x34.toTypedArray()) < 1e-7);
    d.dispose(g);
    assert.throws(() => d.exp(g), /released/);
    // A CPU tensor handed to a GPU kernel is named, not misread.
    assert.throws(() => d.matmul(onGpu(x34, gpu), d.cast(m45, 'float32')), (e: Error) => e instanceof d.ArgumentError && /this GPU backend/.test(e.message));
    // Empty tensors flow through without launching anything.
    const empty = d.to(d.zeros([0, 3], { dtype: 'float32' }), gpu);
    assert.equal(d.exp(empty).shape, [0, 3]);
    assert.equal(Array.from(await d.sum(empty, 0).data()), [0, 0, 0]);
    assert.equal((await d.irfft(d.rfft(empty), 3).data()).length, 0);
    assert.equal(Array.from(await d.matmul(d.transpose(empty), empty).data()), new Array(9).fill(0));
    // A host scalar reads back without a device round trip, on every mode.
    const s = d.full([], 2.5, { dtype: 'float32', backend: gpu });
    assert.is(s.item(), 2.5);
    assert.equal(Array.from(await d.broadcastTo(s, [2, 3]).data()), [2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
  });

  test(`${mode}: destroy`, () => {
    gpu.destroy();
  });
}

test('createGpuBackend validates its mode', async () => {
  let err: unknown;
  try {
    await d.createGpuBackend({ mode: 'cuda' as GpuMode });
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof d.ArgumentError && /cuda/.test((err as Error).message));
  for (const m of d.GPU_MODES) assert.ok((err as Error).message.includes(m), m);
});

test.run();
