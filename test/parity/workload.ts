/**
 * A fixed float64 workload (elementwise transcendentals, reductions, matmul, random
 * streams, gradients, forward mode, second order, PDE steppers and their initial conditions)
 * reduced to SHA-256 hashes of the
 * result bytes. The browser suite computes it in Chromium and the runner compares the
 * hashes with the same computation in Node: equal hashes mean bit-identical results.
 */
import {
  type Tensor, abs, add, atan2, complex, div, fft, fftn, ifft, imag, irfft, irfftn, real, rfft, rfftn, concat, cos, dmath, erf, flip, exp, expm1, gelu, grad, hvp, jvp, linspace, log, log1p,
  logsumexp, matmul, mean, mul, pow, random, randomNormal, randomUniform, reshape, sigmoid, sin, softmax,
  sqrt, square, sub, sum, tan, tanh, tensor, variance,
} from '../../src/index.js';
import {
  Burgers, DiffusedNoise, GaussianRandomField, KuramotoSivashinsky, NavierStokesVorticity, RandomDiscontinuities,
  RandomGaussianBlobs, RandomSineWaves1d, RandomTruncatedFourierSeries, fourierNRMSE, nRMSE,
} from '../../src/physics/index.js';

async function sha256(parts: readonly Tensor[]): Promise<string> {
  const arrays = parts.map((t) => {
    const a = t.toTypedArray();
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  });
  const total = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const a of arrays) {
    bytes.set(a, at);
    at += a.length;
  }
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The inputs: a spread of magnitudes, including huge trigonometric arguments. */
function inputs(): { x: Tensor; pos: Tensor; unit: Tensor } {
  const [k1, k2] = random.split(random.key(20261126), 2) as [random.PRNGKey, random.PRNGKey];
  const spread = concat([
    randomNormal(k1, [2000], { std: 3 }),
    linspace(-50, 50, 1001),
    tensor([1e5, -1e5, 1e10, 3e15, 1e300, -1e300, 5e-324, 1e-310, 0, -0, 0.5, 1, 2, 3.141592653589793]),
  ]);
  const u = randomUniform(k2, [1000], { low: -1, high: 1 });
  return { x: spread, pos: add(mul(spread, spread), 1e-3), unit: u };
}

/** Hashes of each part of the workload, keyed by name. */
export async function parityHashes(): Promise<Record<string, string>> {
  const { x, pos, unit } = inputs();
  const xs = x.toTypedArray() as Float64Array;
  const m = dmath;
  const scalarFns = [m.exp, m.expm1, m.log, m.log1p, m.sin, m.cos, m.tan, m.atan, m.sinh, m.cosh, m.tanh, m.asinh, m.cbrt, m.erf, m.erfc];
  const dmathOut = scalarFns.map((f) => tensor(Float64Array.from(xs, (v) => f(Math.abs(v) > 700 && (f === m.exp || f === m.sinh || f === m.cosh) ? v / 1e3 : v))));
  const us = unit.toTypedArray() as Float64Array;
  dmathOut.push(tensor(Float64Array.from(us, (v) => m.asin(v) + m.acos(v) + m.atanh(v * 0.999) + m.pow(Math.abs(v) + 0.5, v * 7))));

  const elementwise = [
    exp(mul(x, 0.1)), expm1(mul(x, 0.01)), log(pos), log1p(pos), sin(x), cos(x), tan(x), tanh(x), sigmoid(x), erf(x),
    sqrt(pos), pow(pos, 0.37), atan2(x, flip(x)), gelu(x), gelu(x, { approximate: false }),
  ];
  // Complex arithmetic: exp (dmath cos/sin), Smith division, modulus.
  const z = complex(mul(x, 0.01), mul(flip(x), 0.1));
  elementwise.push(real(exp(z)), imag(div(z, add(z, complex(1, 0.5)))), abs(z));

  const [k3, k4, k5] = random.split(random.key(7), 3) as [random.PRNGKey, random.PRNGKey, random.PRNGKey];
  const A = randomNormal(k3, [37, 53]);
  const B = randomNormal(k4, [53, 29]);
  const batch = randomNormal(k5, [3, 37, 53]);
  const linear = [matmul(A, B), matmul(batch, B), matmul(B.transpose(), A.transpose())];

  const grid = reshape(x.slice([0, 3000]), [30, 100]);
  const reductions = [sum(grid, 0), mean(grid, 1), variance(grid, [0, 1]), logsumexp(grid, 1), softmax(grid, 0), sum(square(grid))];

  const streams = [randomNormal(random.key(1), [4096]), randomUniform(random.key(2), [4096]), randomUniform(random.key(3), [64], { dtype: 'float32' })];

  // An MLP loss and its gradient, a Hessian-vector product and a JVP.
  const W1 = mul(randomNormal(random.key(11), [53, 40]), 0.2);
  const W2 = mul(randomNormal(random.key(12), [40, 1]), 0.2);
  const loss = (p: { w1: Tensor; w2: Tensor }) => mean(square(sub(matmul(tanh(matmul(A, p.w1)), p.w2), 1)));
  const g = grad(loss)({ w1: W1, w2: W2 }) as { w1: Tensor; w2: Tensor };
  const f = (v: Tensor) => sum(mul(sin(v), exp(mul(v, 0.3))));
  const h = hvp(f, x.slice([0, 500]), cos(x.slice([0, 500]))) as Tensor;
  const [, jt] = jvp((v: Tensor) => tanh(matmul(A, v)), [W1], [randomNormal(random.key(13), [53, 40])]);
  const gradients = [g.w1, g.w2, h, jt as Tensor];

  // Fourier transforms of mixed-radix, power-of-two and Bluestein lengths, n-D and along
  // inner axes, and a gradient through a spectral derivative.
  const spectra: Tensor[] = [];
  for (const n of [5, 12, 97, 160, 243, 1000, 1024]) {
    const s = x.slice([0, 2 * n]).reshape([2, n]);
    spectra.push(rfft(s), irfft(rfft(s), n), fft(complex(s, flip(s))), ifft(complex(s, s), undefined, 0));
  }
  const cube = x.slice([0, 6 * 7 * 8]).reshape([6, 7, 8]);
  spectra.push(rfftn(cube), fftn(cube, undefined, [0, 2]), irfftn(rfftn(cube), [6, 7, 8]));
  const k = complex(0, tensor(Array.from({ length: 81 }, (_, j) => j)));
  spectra.push(grad((u: Tensor) => sum(square(irfft(mul(k, rfft(u)), 160))))(x.slice([0, 160])));

  // Initial conditions, a few ETDRK steps of nonlinear PDEs, metrics and a gradient
  // through a rollout.
  const ics = [
    new RandomTruncatedFourierSeries(1, { cutoff: 5 }).generate(64, random.key(2024)),
    new GaussianRandomField(2).generate(16, random.key(2024)),
    new DiffusedNoise(1).generate(64, random.key(2024)),
    new RandomGaussianBlobs(2, { numBlobs: 2 }).generate(16, random.key(2024)),
    new RandomDiscontinuities(1).generate(64, random.key(2024)),
    new RandomSineWaves1d(1).generate(64, random.key(2024)),
  ];
  const ks = new KuramotoSivashinsky(1, 60, 64, 0.1);
  const burgers = new Burgers(2, 1, 16, 0.01, { diffusivity: 0.01 });
  const ns = new NavierStokesVorticity(2, 1, 16, 0.01, { diffusivity: 1e-3 });
  const steps = (s: { step(u: Tensor): Tensor }, u: Tensor, n: number) => {
    for (let i = 0; i < n; i++) u = s.step(u);
    return u;
  };
  const uKs = steps(ks, ics[0]!, 20);
  const physics = [
    ...ics, uKs, steps(burgers, concat([ics[1]!, ics[3]!.slice([0, 1])], 0), 5), steps(ns, ics[1]!, 5),
    nRMSE(uKs, ics[0]!), fourierNRMSE(uKs, ics[0]!, { low: 1, high: 8 }),
    grad((u: Tensor) => sum(square(steps(ks, u, 3))))(ics[2]!),
  ];

  return {
    physics: await sha256(physics),
    fft: await sha256(spectra),
    dmath: await sha256(dmathOut),
    elementwise: await sha256(elementwise),
    matmul: await sha256(linear),
    reductions: await sha256(reductions),
    random: await sha256(streams),
    gradients: await sha256(gradients),
  };
}
