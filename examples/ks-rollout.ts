/**
 * The Kuramoto-Sivashinsky equation `u_t + 1/2 |u_x|^2 + u_xx + u_xxxx = 0` on a periodic
 * domain of length 60 with 160 points, stepped by the ETDRK2 spectral stepper from a
 * random truncated Fourier series: a warm-up into the chaotic regime, a rollout saved as
 * `.npy` with a space-time plot as PNG, and the gradient of a rollout loss with respect to
 * a physical coefficient, checked against central finite differences.
 *
 *     npm start        # or: npx tsx examples/ks-rollout.ts [--steps 400] [--seed 0] [--out out]
 *
 * The outputs (`ks-rollout.npy`, shape (steps + 1, 1, 160), and `ks-rollout.png`, time
 * running down) go to the `--out` folder. The `.npy` loads in NumPy with `np.load`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Tensor, grad, imagePng, mul, random, stack, sum, tensor, tidy } from '../src/index.js';
import { saveNpy } from '../src/io/node/index.js';
import { KuramotoSivashinsky, RandomTruncatedFourierSeries } from '../src/physics/index.js';

const { values } = parseArgs({
  options: { steps: { type: 'string', default: '400' }, seed: { type: 'string', default: '0' }, out: { type: 'string', default: 'out' } },
});
const steps = Number(values.steps);
const seed = Number(values.seed);
if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive integer, got ${values.steps}`);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${values.seed}`);
const outDir = resolve(values.out!);

const L = 60;
const N = 160;
const dt = 0.1;
const ks = new KuramotoSivashinsky(1, L, N, dt);
const u0 = new RandomTruncatedFourierSeries(1, { cutoff: 5, maxOne: true }).generate(N, random.key(seed));
console.log(`Kuramoto-Sivashinsky 1-D: L = ${L}, N = ${N}, dt = ${dt}, ETDRK order 2, seed ${seed}`);

// Warm-up: the random start relaxes onto the chaotic attractor (APEBench uses 500 steps).
let u = u0;
const warmup = 500;
for (let t = 1; t <= warmup; t++) u = ks.step(u);
console.log(`warm-up: ${warmup} steps, max |u| = ${u.abs().max().item().toFixed(3)}`);

// The rollout, timed, with progress.
const states: Tensor[] = [u];
const started = performance.now();
for (let t = 1; t <= steps; t++) {
  u = ks.step(u);
  states.push(u);
  if (t % 100 === 0 || t === steps) console.log(`step ${String(t).padStart(String(steps).length)}/${steps}: max |u| = ${u.abs().max().item().toFixed(3)}`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`rollout: ${(seconds / steps).toExponential(2)} s/step`);

const trajectory = stack(states, 0);
await mkdir(outDir, { recursive: true });
const npyPath = join(outDir, 'ks-rollout.npy');
const pngPath = join(outDir, 'ks-rollout.png');
await saveNpy(npyPath, trajectory);
await writeFile(pngPath, imagePng(trajectory.reshape([steps + 1, N]), { map: 'RdBu', scale: 2 }));
console.log(`wrote ${npyPath} (shape [${trajectory.shape.join(', ')}]) and ${pngPath}`);

// Differentiate through the stepper: d/d psi2 of sum(w * u_T) after 20 steps, where psi2
// scales the fourth-order term; the ETDRK coefficients depend on psi2 through exp(dt L)
// and the contour integrals, and the gradient flows through them.
const w = tensor(Array.from({ length: N }, (_, i) => Math.cos((2 * Math.PI * i) / N) + 0.5));
const horizon = 20;
const lossOf = (psi2: Tensor): Tensor => {
  const s = new KuramotoSivashinsky(1, L, N, dt, { fourthOrderScale: psi2 });
  let v = states[0]!;
  for (let t = 0; t < horizon; t++) v = s.step(v);
  return sum(mul(w, v));
};
const psi2 = tensor(1);
const dLoss = grad(lossOf)(psi2).item();
const h = 1e-5;
const fd = tidy(() => (lossOf(tensor(1 + h)).item() - lossOf(tensor(1 - h)).item()) / (2 * h));
console.log(`d loss / d psi2 over ${horizon} steps: ${dLoss.toPrecision(10)} (reverse mode), ${fd.toPrecision(10)} (central difference), relative gap ${(Math.abs(dLoss - fd) / Math.abs(fd)).toExponential(1)}`);
