/**
 * Learning a diffusivity field through an implicit heat step.
 *
 * One backward-Euler step of `u_t = d/dz (kappa(z) du/dz)` on (0, 1) with u = 0 at both
 * ends solves `(I - dt D_kappa) u1 = u0`, where `D_kappa` is the conservative finite
 * difference with diffusivities at the cell faces. Given pairs (u0, u1) made with a hidden
 * field kappa*, we recover kappa = exp(theta) by gradient descent on the mean squared
 * error of the predicted u1. Every step differentiates through `linearSolve` with CG and
 * the implicit adjoint: the backward pass solves `A^T lambda = dL/du1` (A is symmetric)
 * and gives `theta-bar = -(d(A(theta) u1)/d theta)^T lambda`, without storing the CG
 * iterations.
 *
 *     npx tsx examples/heat-diffusivity.ts [--steps 300] [--K 60]
 *
 * It prints the loss and the field error as it goes, then checks the implicit gradient
 * against central differences and the Jacobi identity (implicit = unrolled gradient with
 * respect to the right-hand side when A is symmetric and the initial guesses are zero).
 */
import { parseArgs } from 'node:util';
import {
  type SolveInfo, type Tensor, add, div, exp, fromMatvec, grad, linearSolve, mean, mul, pad, relativeError, slice, sqrt,
  square, stack, sub, tensor, zeros,
} from '../src/index.js';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '300' }, K: { type: 'string', default: '60' } } });
const STEPS = Number(values.steps);
const K = Number(values.K);

const n = 63;
const h = 1 / (n + 1);
const dt = 0.02;
const faces = Array.from({ length: n + 1 }, (_, i) => (i + 0.5) * h);
const kappaTrue = tensor(faces.map((z) => 1 + 0.5 * Math.sin(2 * Math.PI * z)));

/** The last-axis slice [from, to) of a batch of grid vectors. */
const along = (t: Tensor, from: number, to: number | null) => slice(t, ...new Array<null>(t.ndim - 1).fill(null), [from, to]);

/** `I - dt d/dz(kappa d/dz)`, matrix-free, differentiable in the face diffusivities. */
function heatStep(kappa: Tensor) {
  return fromMatvec((u) => {
    const padded = pad(u, [...u.shape.slice(0, -1).map(() => [0, 0] as [number, number]), [1, 1]]);
    const flux = mul(kappa, sub(along(padded, 1, null), along(padded, 0, -1)));
    return sub(u, mul(sub(along(flux, 1, null), along(flux, 0, -1)), dt / (h * h)));
  }, {
    inShape: [n],
    params: [kappa],
    // 1 + dt/h^2 (kappa_left + kappa_right): lets Jacobi run on the same operator.
    diagonal: () => add(mul(add(along(kappa, 1, null), along(kappa, 0, -1)), dt / (h * h)), 1),
  });
}

// Training pairs: u0 = ten sine modes with amplitudes 1/k times a fixed pseudo-random
// sign pattern, u1 from a converged solve with the hidden field.
const u0 = stack(Array.from({ length: 8 }, (_, s) =>
  tensor(Array.from({ length: n }, (_, i) => {
    const z = (i + 1) * h;
    let v = 0;
    for (let k = 1; k <= 10; k++) v += (Math.sin(12.9898 * k + 78.233 * s) > 0 ? 1 : -1) * Math.sin(Math.PI * k * z) / k;
    return v;
  }))));
const u1 = linearSolve(heatStep(kappaTrue), u0, { method: 'cg', maxIter: 500, tol: 1e-13 });

let inner = 0;
const count = (i: SolveInfo) => { inner += i.iterations; };
const lossOf = (theta: Tensor, adjoint: 'implicit' | 'unrolled' = 'implicit') =>
  mean(square(sub(linearSolve(heatStep(exp(theta)), u0, { method: 'cg', maxIter: K, adjoint, onSolve: count }), u1)));

// Adam on theta = log kappa, from kappa = 1.
let theta = zeros([n + 1]);
let m = zeros([n + 1]);
let v = zeros([n + 1]);
const [lr, b1, b2] = [0.05, 0.9, 0.999];
const gradLoss = grad((t: Tensor) => lossOf(t));
for (let step = 1; step <= STEPS; step++) {
  const g = gradLoss(theta);
  m = add(mul(m, b1), mul(g, 1 - b1));
  v = add(mul(v, b2), mul(square(g), 1 - b2));
  const mHat = div(m, 1 - b1 ** step);
  const vHat = div(v, 1 - b2 ** step);
  theta = sub(theta, mul(div(mHat, add(sqrt(vHat), 1e-8)), lr));
  if (step === 1 || step % 50 === 0 || step === STEPS) {
    const err = relativeError(exp(theta), kappaTrue);
    console.log(`step ${step}: loss ${lossOf(theta).item().toExponential(3)}, kappa rel. error ${err.toExponential(2)}, CG iterations so far ${inner}`);
  }
}

console.log(`final kappa relative error ${relativeError(exp(theta), kappaTrue).toExponential(2)}`);

// Checks at a generic point theta:
// 1. the implicit CG gradient against central differences of the loss;
// 2. with Jacobi (A symmetric, zero initial guesses) the implicit and unrolled gradients
//    with respect to the right-hand side coincide for any K.
const point = tensor(faces.map((z) => 0.3 * Math.cos(3 * Math.PI * z)));
const probe = [5, 20, 40];
const e = 1e-5;
const fd = probe.map((i) => {
  const d = tensor(Array.from({ length: n + 1 }, (_, j) => (j === i ? e : 0)));
  return (lossOf(add(point, d)).item() - lossOf(sub(point, d)).item()) / (2 * e);
});
const gImp = grad((t: Tensor) => lossOf(t))(point).toTypedArray();
const relFd = probe.map((i, j) => (Math.abs(gImp[i]! - fd[j]!) / Math.abs(fd[j]!)).toExponential(1));
console.log(`implicit CG gradient vs central differences at entries ${probe.join(', ')}: ${relFd.join(', ')}`);
// Gradients with respect to the initial states u0 (A does not depend on them).
const jacobiGrad = (adjoint: 'implicit' | 'unrolled') => grad((b: Tensor) =>
  mean(square(sub(linearSolve(heatStep(exp(point)), b, { method: 'jacobi', maxIter: 20, adjoint }), u1))))(u0);
const [gJi, gJu] = [jacobiGrad('implicit'), jacobiGrad('unrolled')];
console.log(`Jacobi, K = 20, gradient with respect to u0: implicit vs unrolled ${relativeError(gJi, gJu).toExponential(1)}`);
