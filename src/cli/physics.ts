/**
 * `difftape rollout` and `difftape sensitivity`: make and check physics data from the
 * shell.
 *
 * @module
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type FloatDType, type Stepper, type Tensor, cast, createStepper, findStepper, grad, isFinite, mul, parseNpy, serializeNpy,
  stack, sum, tensor, tidy,
} from '../index.js';

/** A failure to report in one line; `usage` errors exit with 2, others with 1. */
export class CliError extends Error {
  constructor(message: string, readonly usage = true) {
    super(message);
  }
}

const PHYSICS_OPTIONS = {
  stepper: { type: 'string' },
  dims: { type: 'string' },
  points: { type: 'string' },
  extent: { type: 'string' },
  dt: { type: 'string' },
  params: { type: 'string' },
  ic: { type: 'string' },
  steps: { type: 'string' },
  dtype: { type: 'string' },
  out: { type: 'string' },
} as const;

function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0]!);
  }
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new CliError(`--${name} is required`);
  return v;
}

function integer(text: string, name: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${name} must be an integer >= ${min}, got '${text}'`);
  return n;
}

function number(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new CliError(`--${name} must be a number, got '${text}'`);
  return n;
}

function readNpy(path: string, name: string): Tensor {
  if (!path.endsWith('.npy')) throw new CliError(`--${name} must be a .npy file, got '${path}'`);
  if (!existsSync(path)) throw new CliError(`--${name}: no such file '${path}'`);
  try {
    return parseNpy(readFileSync(path));
  } catch (e) {
    throw new CliError(`--${name}: ${(e as Error).message}`);
  }
}

/** Writes atomically: a half-written file is never left behind. */
function writeNpy(path: string, x: Tensor): void {
  const target = resolve(path);
  if (!existsSync(dirname(target))) throw new CliError(`--out: no such directory '${dirname(target)}'`);
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, serializeNpy(x));
  renameSync(tmp, target);
}

/** The stepper and initial state described by the shared options. */
function setup(values: Record<string, string | undefined>): { stepper: Stepper; u0: Tensor; dtype: FloatDType; name: string } {
  const name = required(values, 'stepper');
  let entry;
  try {
    entry = findStepper(name);
  } catch (e) {
    throw new CliError(`unknown stepper '${name}' (${(e as Error).message.replace(/^.*expected one of /, 'known: ').replace(/, got.*$/, '')})`);
  }
  const dtype = (values['dtype'] ?? 'float64') as FloatDType;
  if (dtype !== 'float64' && dtype !== 'float32') throw new CliError(`--dtype must be float64 or float32, got '${dtype}'`);
  let params: Record<string, unknown> = {};
  if (values['params'] !== undefined) {
    try {
      params = JSON.parse(values['params']) as Record<string, unknown>;
    } catch {
      throw new CliError(`--params must be a JSON object, got '${values['params']}'`);
    }
  }
  const grid = {
    numSpatialDims: integer(required(values, 'dims'), 'dims', 1),
    numPoints: integer(required(values, 'points'), 'points', 1),
    ...(values['extent'] !== undefined ? { domainExtent: number(values['extent'], 'extent') } : {}),
    ...(values['dt'] !== undefined ? { dt: number(values['dt'], 'dt') } : {}),
  };
  if (entry.kind !== 'physical' && (grid.domainExtent !== undefined || grid.dt !== undefined)) {
    throw new CliError(`${entry.name} is a ${entry.kind} stepper: it takes no --extent or --dt`);
  }
  let stepper: Stepper;
  try {
    stepper = createStepper(entry.name, grid, params, { dtype });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const ic = readNpy(required(values, 'ic'), 'ic');
  const want = stepper.stateShape;
  if (ic.shape.join() !== want.join()) throw new CliError(`--ic has shape [${ic.shape}], expected [${want}] for ${entry.name}`);
  if (ic.dtype !== 'float64' && ic.dtype !== 'float32') throw new CliError(`--ic must hold float32 or float64 values, got ${ic.dtype}`);
  return { stepper, u0: cast(ic, dtype), dtype, name: entry.name };
}

function checkFinite(u: Tensor, step: number): void {
  if (!isFinite(u).toTypedArray().every((v) => v === 1)) throw new CliError(`the state diverged (NaN or infinity) at step ${step}; try a smaller --dt`, false);
}

/**
 * `difftape rollout`: steps an initial condition and writes the states at the chosen step
 * counts as `(S, C, N, ..., N)`; prints one JSON line with `secondsPerStep` (timed in
 * process, from the second step on, so that start-up and JIT warm-up are excluded).
 */
export function rollout(argv: readonly string[]): void {
  const values = parse(argv, { ...PHYSICS_OPTIONS, snapshots: { type: 'string' } }) as Record<string, string | undefined>;
  const { stepper, u0, dtype, name } = setup(values);
  const steps = integer(required(values, 'steps'), 'steps', 0);
  const out = required(values, 'out');
  const snapshots = values['snapshots'] === undefined
    ? Array.from({ length: steps + 1 }, (_, i) => i)
    : values['snapshots'].split(',').map((s) => integer(s.trim(), 'snapshots', 0));
  if (snapshots.some((s, i) => s > steps || (i > 0 && s <= snapshots[i - 1]!))) {
    throw new CliError(`--snapshots must increase and stay within 0..${steps}, got '${values['snapshots']}'`);
  }
  const wanted = new Set(snapshots);
  const states: Tensor[] = wanted.has(0) ? [u0] : [];
  let u = u0;
  let started = 0;
  for (let t = 1; t <= steps; t++) {
    if (t === 2) started = performance.now();
    u = tidy(() => stepper.step(u));
    if (wanted.has(t)) {
      checkFinite(u, t);
      states.push(u);
    }
  }
  const secondsPerStep = steps >= 2 ? (performance.now() - started) / 1000 / (steps - 1) : null;
  checkFinite(u, steps);
  const traj = stack(states);
  writeNpy(out, traj);
  console.log(JSON.stringify({ stepper: name, dtype, steps, shape: traj.shape, secondsPerStep, out: resolve(out) }));
}

/**
 * `difftape sensitivity`: the gradient of `loss = sum(W * u_T)` with respect to the
 * initial state (written to --out) and, with `--wrt PARAM`, with respect to that scalar
 * parameter of the stepper; prints JSON with `loss` and `dLossDParam`.
 */
export function sensitivity(argv: readonly string[]): void {
  const values = parse(argv, { ...PHYSICS_OPTIONS, weights: { type: 'string' }, wrt: { type: 'string' } }) as Record<string, string | undefined>;
  const { stepper, u0, dtype, name } = setup(values);
  const steps = integer(required(values, 'steps'), 'steps', 0);
  const out = required(values, 'out');
  const w = readNpy(required(values, 'weights'), 'weights');
  if (w.shape.join() !== u0.shape.join()) throw new CliError(`--weights has shape [${w.shape}], expected [${u0.shape}] (the state's)`);
  const weights = cast(w, dtype);
  const wrt = values['wrt'];
  let params: Record<string, unknown> = {};
  if (values['params'] !== undefined) params = JSON.parse(values['params']) as Record<string, unknown>;
  const paramKey = wrt === undefined ? undefined : Object.keys(params).find((k) => k === wrt) ?? wrt;
  let p0: number | undefined;
  if (paramKey !== undefined) {
    const given = params[paramKey];
    if (given !== undefined && typeof given !== 'number') throw new CliError(`--wrt ${wrt}: the parameter must be a scalar, got ${JSON.stringify(given)}`);
    p0 = typeof given === 'number' ? given : defaultOf(stepper, paramKey);
  }
  const build = (p: Tensor | undefined): Stepper => {
    if (p === undefined) return stepper;
    try {
      return createStepper(name, gridOf(stepper, values), { ...params, [paramKey!]: p }, { dtype });
    } catch (e) {
      throw new CliError((e as Error).message);
    }
  };
  const loss = (u: Tensor, p?: Tensor): Tensor => {
    const s = build(p);
    let v = u;
    for (let t = 0; t < steps; t++) v = s.step(v);
    return sum(mul(weights, v));
  };
  const started = performance.now();
  let result: { loss: number; dLossDParam?: number };
  let gu: Tensor;
  if (p0 === undefined) {
    gu = grad(loss)(u0);
    result = { loss: loss(u0).item() };
  } else {
    const p = tensor(p0, { dtype });
    const [g0, gp] = grad(loss, { argnums: [0, 1] })(u0, p);
    gu = g0;
    result = { loss: loss(u0, p).item(), dLossDParam: (gp as Tensor).item() };
  }
  checkFinite(gu, steps);
  if (!Number.isFinite(result.loss)) throw new CliError(`the loss is not finite (${result.loss}); the run diverged`, false);
  writeNpy(out, gu);
  console.log(JSON.stringify({ stepper: name, dtype, steps, ...result, seconds: (performance.now() - started) / 1000, out: resolve(out) }));
}

function gridOf(s: Stepper, values: Record<string, string | undefined>) {
  return {
    numSpatialDims: s.numSpatialDims,
    numPoints: s.numPoints,
    ...(values['extent'] !== undefined ? { domainExtent: s.domainExtent } : {}),
    ...(values['dt'] !== undefined ? { dt: s.dt } : {}),
  };
}

/** The value a stepper holds for a camelCase or snake_case parameter it exposes. */
function defaultOf(s: Stepper, key: string): number {
  const camel = key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const v = (s as unknown as Record<string, unknown>)[camel];
  if (typeof v !== 'number') throw new CliError(`--wrt ${key}: ${s.constructor.name} has no scalar parameter of that name (give it in --params)`);
  return v;
}
