/**
 * Core benchmark: elementwise throughput, matmul GFLOP/s, one MLP gradient step and the
 * tape's overhead per recorded op. Prints one JSON object.
 *
 *     npx tsx bench/core.ts
 */
import {
  type Tensor, add, grad, matmul, mean, mul, random, randomNormal, relu, square, sub, sum, tensor, vjp,
} from '../src/index.js';

/** Median wall time in milliseconds of `fn` over `reps` runs after `warm` warm-up runs. */
function time(fn: () => unknown, reps: number, warm = 3): number {
  for (let i = 0; i < warm; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

const keys = random.split(random.key(0), 16);
const N = 1_000_000;
const a = randomNormal(keys[0]!, [N]);
const b = randomNormal(keys[1]!, [N]);
const A = a.toTypedArray() as Float64Array;
const B = b.toTypedArray() as Float64Array;

// Two plain loops as baselines. `plainFunction` is what a library function looks like: it
// receives its arrays as arguments. The loop over the constants A and B lets V8 specialise
// on those two arrays (their lengths and storage become compile-time constants), which no
// function that serves many arrays can match; it is reported as the lower bound.
function plainAdd(x: Float64Array, y: Float64Array): Float64Array {
  const o = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) o[i] = x[i]! + y[i]!;
  return o;
}
function plainMul(x: Float64Array, y: Float64Array): Float64Array {
  const o = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) o[i] = x[i]! * y[i]!;
  return o;
}
const constAdd = () => {
  const o = new Float64Array(N);
  for (let i = 0; i < N; i++) o[i] = A[i]! + B[i]!;
  return o;
};
const perElement = (fn: () => unknown) => (time(fn, 40, 10) * 1e6) / N;
// Warm every contender first, so that none pays for the heap growing under the others.
for (let i = 0; i < 10; i++) [add(a, b), mul(a, b), plainAdd(A, B), plainMul(A, B), constAdd()];
const add_ns = perElement(() => add(a, b));
const mul_ns = perElement(() => mul(a, b));
const fnAdd_ns = perElement(() => plainAdd(A, B));
const fnMul_ns = perElement(() => plainMul(A, B));
const constAdd_ns = perElement(constAdd);
const elementwise = {
  add_ns_per_element: add_ns,
  mul_ns_per_element: mul_ns,
  plain_function_add_ns_per_element: fnAdd_ns,
  plain_function_mul_ns_per_element: fnMul_ns,
  add_ratio_to_plain_function: add_ns / fnAdd_ns,
  mul_ratio_to_plain_function: mul_ns / fnMul_ns,
  plain_loop_over_constants_add_ns_per_element: constAdd_ns,
  add_ratio_to_loop_over_constants: add_ns / constAdd_ns,
};

const gflops = (n: number): number => {
  const x = randomNormal(keys[2]!, [n, n]);
  const y = randomNormal(keys[3]!, [n, n]);
  const ms = time(() => matmul(x, y), n >= 512 ? 5 : 15, 2);
  return (2 * n * n * n) / (ms * 1e6);
};
const matmulResult = { gflops_256_float64: gflops(256), gflops_512_float64: gflops(512) };

// MLP 30 -> 64 -> 64 -> 64 -> 30, batch 25, mean squared error.
const sizes = [30, 64, 64, 64, 30];
const params = sizes.slice(1).map((n, i) => ({
  w: randomNormal(keys[4 + i]!, [sizes[i]!, n], { std: 1 / Math.sqrt(sizes[i]!) }),
  b: randomNormal(keys[8 + i]!, [n], { std: 0.1 }),
}));
const xb = randomNormal(keys[12]!, [25, 30]);
const yb = randomNormal(keys[13]!, [25, 30]);
const loss = (p: { w: Tensor; b: Tensor }[]) => {
  let h = xb;
  p.forEach((layer, i) => {
    h = add(matmul(h, layer.w), layer.b);
    if (i < p.length - 1) h = relu(h);
  });
  return mean(square(sub(h, yb)));
};
const g = grad(loss);
const mlpStepUs = time(() => g(params), 200, 20) * 1e3;

// Tape overhead: the same chain of scalar ops run plainly and recorded by a tape (`vjp`
// traces without running the backward pass); the difference per op is what recording costs.
const OPS = 2000;
const x0 = tensor(0.5);
const chain = (x: Tensor) => {
  let y = x;
  for (let i = 0; i < OPS; i++) y = mul(y, 1.0000001);
  return sum(y);
};
const plainMs = time(() => chain(x0), 50, 10);
const recordedMs = time(() => vjp(chain, x0), 50, 10);
const backwardMs = time(() => vjp(chain, x0)[1](tensor(1)), 50, 10) - recordedMs;
const tape = {
  scalar_op_untaped_us: (plainMs * 1e3) / OPS,
  scalar_op_taped_us: (recordedMs * 1e3) / OPS,
  recording_overhead_per_op_us: ((recordedMs - plainMs) * 1e3) / OPS,
  backward_per_op_us: (backwardMs * 1e3) / OPS,
};

console.log(
  JSON.stringify(
    {
      machine: { node: process.version, platform: process.platform, arch: process.arch },
      elementwise_1e6_float64: elementwise,
      matmul: matmulResult,
      mlp_30_64_64_64_30_batch25_grad_step_us: mlpStepUs,
      tape,
    },
    null,
    2,
  ),
);
