/**
 * Fit a small multilayer perceptron to y = sin(x) by gradient descent with Adam, printing
 * the loss as it falls, then check the final gradient against finite differences.
 *
 *     npm start                   # or: npx tsx examples/fit-mlp.ts [--steps 1500] [--seed 0]
 */
import {
  type Tensor, add, gradcheck, linspace, matmul, mean, mul, random, randomNormal, sin, square, sqrt, sub, tanh,
  treeMap, valueAndGrad, zeros, zerosLike, div,
} from '../src/index.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const steps = arg('steps', 1500);
const seed = arg('seed', 0);

type Layer = { w: Tensor; b: Tensor };

/** Parameters of an MLP with the given widths; weights ~ N(0, 1/fan_in). */
function initMlp(widths: number[], key: random.PRNGKey): Layer[] {
  const keys = random.split(key, widths.length);
  return widths.slice(1).map((n, i) => ({
    w: randomNormal(keys[i]!, [widths[i]!, n], { std: 1 / Math.sqrt(widths[i]!) }),
    b: zeros([n]),
  }));
}

function mlp(params: Layer[], x: Tensor): Tensor {
  return params.reduce((h, { w, b }, i) => {
    const z = add(matmul(h, w), b);
    return i < params.length - 1 ? tanh(z) : z;
  }, x);
}

const x = linspace(-Math.PI, Math.PI, 64).reshape([64, 1]);
const y = sin(x);
const loss = (p: Layer[]) => mean(square(sub(mlp(p, x), y)));

// Adam, written out over parameter trees.
const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
let params = initMlp([1, 32, 32, 1], random.key(seed));
let m = treeMap(zerosLike, params);
let v = treeMap(zerosLike, params);
const step = valueAndGrad(loss);
const t0 = performance.now();
for (let t = 1; t <= steps; t++) {
  const [value, g] = step(params);
  m = treeMap((mi, gi) => add(mul(mi, b1), mul(gi, 1 - b1)), m, g);
  v = treeMap((vi, gi) => add(mul(vi, b2), mul(square(gi), 1 - b2)), v, g);
  const c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
  params = treeMap((p, mi, vi) => sub(p, div(mul(mi, lr / c1), add(sqrt(div(vi, c2)), eps))), params, m, v);
  if (t === 1 || t % 250 === 0 || t === steps) {
    console.log(`step ${String(t).padStart(5)}  loss ${value.item().toExponential(4)}`);
  }
}
console.log(`trained ${steps} steps in ${((performance.now() - t0) / 1000).toFixed(2)} s`);

// The gradient of the loss with respect to every parameter, against central differences.
const flat = params.flatMap((l) => [l.w, l.b]);
const asLayers = (ts: Tensor[]): Layer[] => params.map((_, i) => ({ w: ts[2 * i]!, b: ts[2 * i + 1]! }));
const check = gradcheck((...ts: Tensor[]) => loss(asLayers(ts)), flat);
console.log(`gradient check over ${flat.reduce((n, t) => n + t.size, 0)} parameters: ${check.ok ? 'passed' : 'FAILED'} (max abs error ${check.maxAbsError.toExponential(2)})`);
if (!check.ok) {
  console.error(check.message);
  process.exit(1);
}
