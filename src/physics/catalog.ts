/**
 * The catalogue of steppers known by name (see registry.ts), with the parameter names
 * each accepts.
 *
 * @module
 */
import { type StepperEntry, registerStepper } from './registry.js';
import { Burgers } from './steppers/burgers.js';
import { KuramotoSivashinsky, KuramotoSivashinskyConservative } from './steppers/kuramoto-sivashinsky.js';

type PhysicalClass = new (D: number, L: number, N: number, dt: number, options: Record<string, unknown>) => InstanceType<typeof Burgers>;

/** An entry for a physical stepper class `(D, L, N, dt, options)`. */
function physical(name: string, cls: PhysicalClass, params: readonly string[]): StepperEntry {
  return { name, kind: 'physical', params, create: (g, o) => new cls(g.numSpatialDims, g.domainExtent!, g.numPoints, g.dt!, o) };
}

const ENTRIES: StepperEntry[] = [
  physical('Burgers', Burgers as PhysicalClass, ['diffusivity', 'convectionScale', 'singleChannel', 'conservative', 'dealiasingFraction']),
  physical('KuramotoSivashinsky', KuramotoSivashinsky as PhysicalClass, ['gradientNormScale', 'secondOrderScale', 'fourthOrderScale', 'dealiasingFraction']),
  physical('KuramotoSivashinskyConservative', KuramotoSivashinskyConservative as PhysicalClass, ['convectionScale', 'secondOrderScale', 'fourthOrderScale', 'singleChannel', 'conservative', 'dealiasingFraction']),
];

for (const entry of ENTRIES) registerStepper(entry);
