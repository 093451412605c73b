/**
 * Steppers by name: Exponax's class names (`Burgers`, `reaction.GrayScott`,
 * `generic.DifficultyConvectionStepper`) mapped to difftape's classes, with parameter names
 * accepted in Exponax's snake_case or difftape's camelCase. The command line and scenario
 * configurations build steppers through it.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../errors.js';
import type { FloatDType } from '../tensor/dtype.js';
import type { Stepper } from './stepper.js';

/** The discretisation a stepper is built on. */
export interface Discretisation {
  numSpatialDims: number;
  numPoints: number;
  /** Domain extent L (physical steppers only). */
  domainExtent?: number;
  /** Time step (physical steppers only). */
  dt?: number;
}

/** How to build one stepper class. */
export interface StepperEntry {
  /** Exponax's name, with its module path when it has one (`reaction.GrayScott`). */
  readonly name: string;
  /** Physical steppers take an extent and a time step; normalized and difficulty ones do not. */
  readonly kind: 'physical' | 'normalized' | 'difficulty';
  /** The accepted physical options, in camelCase. */
  readonly params: readonly string[];
  /** The accepted numerical options (`order`, `dtype`, the contour options; default all four). */
  readonly common?: readonly string[];
  /** Builds the stepper; `options` are already camelCase and checked against `params`. */
  readonly create: (grid: Required<Pick<Discretisation, 'numSpatialDims' | 'numPoints'>> & Discretisation, options: Record<string, unknown>) => Stepper;
}

const COMMON = ['order', 'dtype', 'numCirclePoints', 'circleRadius'];
const registry = new Map<string, StepperEntry>();

/** Adds a stepper to the registry (used by the stepper modules themselves). */
export function registerStepper(entry: StepperEntry): void {
  registry.set(entry.name, entry);
}

/** `convection_scale` -> `convectionScale`; camelCase passes through. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Every registered name, sorted. */
export function stepperNames(): string[] {
  return [...registry.keys()].sort();
}

/**
 * The entry of a stepper name. The module path may be left out when it is unambiguous
 * (`GrayScott` finds `reaction.GrayScott`), and an `exponax.` prefix is ignored.
 */
export function findStepper(name: string): StepperEntry {
  const bare = typeof name === 'string' ? name.replace(/^exponax\./, '').replace(/^stepper\./, '') : '';
  const exact = registry.get(bare);
  if (exact) return exact;
  const bySuffix = [...registry.values()].filter((e) => e.name.split('.').at(-1) === bare);
  if (bySuffix.length === 1) return bySuffix[0]!;
  throw new ArgumentError({ fn: 'findStepper', arg: 'name', expected: `one of ${stepperNames().join(', ')}`, actual: fmtValue(name) });
}

/** Builds a stepper by name from a discretisation and parameters (snake_case or camelCase). */
export function createStepper(
  name: string,
  grid: Discretisation,
  params: Record<string, unknown> = {},
  options: { dtype?: FloatDType } = {},
): Stepper {
  const entry = findStepper(name);
  const fn = entry.name;
  if (entry.kind === 'physical') {
    for (const arg of ['domainExtent', 'dt'] as const) {
      if (grid[arg] === undefined) throw new ArgumentError({ fn, arg, expected: `a value (${fn} is a physical stepper)`, actual: 'nothing' });
    }
  } else {
    for (const arg of ['domainExtent', 'dt'] as const) {
      if (grid[arg] !== undefined) throw new ArgumentError({ fn, arg, expected: `no ${arg} (${entry.kind} steppers have none of their own)`, actual: fmtValue(grid[arg]) });
    }
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ArgumentError({ fn, arg: 'params', expected: 'an object of parameters', actual: fmtValue(params) });
  }
  const camel: Record<string, unknown> = {};
  const accepted = [...entry.params, ...(entry.common ?? COMMON).filter((c) => !entry.params.includes(c))];
  const known = new Set(accepted);
  for (const [k, v] of Object.entries(params)) {
    const c = toCamelCase(k);
    if (!known.has(c)) {
      throw new ArgumentError({ fn, arg: k, expected: `a parameter of ${fn}: ${accepted.join(', ')}`, actual: 'an unknown name' });
    }
    camel[c] = v;
  }
  if (options.dtype !== undefined) camel['dtype'] = options.dtype;
  return entry.create({ ...grid, numSpatialDims: grid.numSpatialDims, numPoints: grid.numPoints }, camel);
}
