/**
 * The catalogue of steppers known by name (see registry.ts): every stepper class under its
 * Exponax name, with the parameter names each accepts.
 *
 * @module
 */
import {
  DifficultyConvectionStepper, DifficultyGradientNormStepper, DifficultyLinearStepper, DifficultyLinearStepperSimple,
  DifficultyNonlinearStepper, DifficultyPolynomialStepper, GeneralConvectionStepper, GeneralGradientNormStepper,
  GeneralLinearStepper, GeneralNonlinearStepper, GeneralPolynomialStepper, GeneralVorticityConvectionStepper,
  NormalizedConvectionStepper, NormalizedGradientNormStepper, NormalizedLinearStepper, NormalizedNonlinearStepper,
  NormalizedPolynomialStepper,
} from './generic/index.js';
import { type StepperEntry, registerStepper } from './registry.js';
import type { Stepper } from './stepper.js';
import {
  Advection, AdvectionDiffusion, AllenCahn, Burgers, CahnHilliard, Diffusion, Dispersion, FisherKPP, GrayScott,
  HyperDiffusion, KolmogorovFlowVelocity, KolmogorovFlowVorticity, KortewegDeVries, KuramotoSivashinsky,
  KuramotoSivashinskyConservative, NavierStokesVelocity, NavierStokesVorticity, SwiftHohenberg, Wave,
} from './steppers/index.js';

// The constructors' option types differ; the registry checks names before building.
type Options = Record<string, unknown>;
type PhysicalClass = new (D: number, L: number, N: number, dt: number, options: Options) => Stepper;
type GridOnlyClass = new (D: number, N: number, options: Options) => Stepper;

/** Options every ETDRK stepper takes; exact (linear) steppers take only the dtype. */
const ETDRK = ['order', 'dtype', 'numCirclePoints', 'circleRadius'] as const;
const EXACT = ['dtype'] as const;
const DEALIAS = 'dealiasingFraction';
const CONVECTION = ['singleChannel', 'conservative', DEALIAS];

function physical(name: string, cls: unknown, params: readonly string[], common: readonly string[] = ETDRK): StepperEntry {
  const C = cls as PhysicalClass;
  return { name, kind: 'physical', params, common, create: (g, o) => new C(g.numSpatialDims, g.domainExtent!, g.numPoints, g.dt!, o) };
}

function gridOnly(kind: 'normalized' | 'difficulty', name: string, cls: unknown, params: readonly string[], common: readonly string[] = ETDRK): StepperEntry {
  const C = cls as GridOnlyClass;
  return { name, kind, params, common, create: (g, o) => new C(g.numSpatialDims, g.numPoints, o) };
}

const ENTRIES: StepperEntry[] = [
  // Linear, integrated exactly.
  physical('Advection', Advection, ['velocity'], EXACT),
  physical('Diffusion', Diffusion, ['diffusivity'], EXACT),
  physical('AdvectionDiffusion', AdvectionDiffusion, ['velocity', 'diffusivity'], EXACT),
  physical('Dispersion', Dispersion, ['dispersivity', 'advectOnDiffusion'], EXACT),
  physical('HyperDiffusion', HyperDiffusion, ['hyperDiffusivity', 'diffuseOnDiffuse'], EXACT),
  physical('Wave', Wave, ['speedOfSound'], EXACT),
  // Nonlinear.
  physical('Burgers', Burgers, ['diffusivity', 'convectionScale', ...CONVECTION]),
  physical('KortewegDeVries', KortewegDeVries, ['convectionScale', 'diffusivity', 'dispersivity', 'hyperDiffusivity', 'advectOverDiffuse', 'diffuseOverDiffuse', ...CONVECTION]),
  physical('KuramotoSivashinsky', KuramotoSivashinsky, ['gradientNormScale', 'secondOrderScale', 'fourthOrderScale', DEALIAS]),
  physical('KuramotoSivashinskyConservative', KuramotoSivashinskyConservative, ['convectionScale', 'secondOrderScale', 'fourthOrderScale', ...CONVECTION]),
  physical('NavierStokesVorticity', NavierStokesVorticity, ['diffusivity', 'vorticityConvectionScale', 'drag', DEALIAS]),
  physical('KolmogorovFlowVorticity', KolmogorovFlowVorticity, ['diffusivity', 'convectionScale', 'drag', 'injectionMode', 'injectionScale', DEALIAS]),
  physical('NavierStokesVelocity', NavierStokesVelocity, ['diffusivity', 'drag', DEALIAS]),
  physical('KolmogorovFlowVelocity', KolmogorovFlowVelocity, ['diffusivity', 'drag', 'injectionMode', 'injectionScale', DEALIAS]),
  // Reaction-diffusion.
  physical('reaction.FisherKPP', FisherKPP, ['diffusivity', 'reactivity', DEALIAS]),
  physical('reaction.AllenCahn', AllenCahn, ['diffusivity', 'firstOrderCoefficient', 'thirdOrderCoefficient', DEALIAS]),
  physical('reaction.CahnHilliard', CahnHilliard, ['diffusivity', 'gamma', 'firstOrderCoefficient', 'thirdOrderCoefficient', DEALIAS]),
  physical('reaction.GrayScott', GrayScott, ['diffusivity1', 'diffusivity2', 'feedRate', 'killRate', DEALIAS]),
  physical('reaction.SwiftHohenberg', SwiftHohenberg, ['reactivity', 'criticalNumber', 'polynomialCoefficients', DEALIAS]),
  // Generic: physical, normalized and difficulty interfaces.
  physical('generic.GeneralLinearStepper', GeneralLinearStepper, ['linearCoefficients'], EXACT),
  gridOnly('normalized', 'generic.NormalizedLinearStepper', NormalizedLinearStepper, ['normalizedLinearCoefficients'], EXACT),
  gridOnly('difficulty', 'generic.DifficultyLinearStepper', DifficultyLinearStepper, ['linearDifficulties'], EXACT),
  // `order` here is the derivative order of the single term.
  gridOnly('difficulty', 'generic.DifficultyLinearStepperSimple', DifficultyLinearStepperSimple, ['difficulty', 'order'], EXACT),
  physical('generic.GeneralConvectionStepper', GeneralConvectionStepper, ['linearCoefficients', 'convectionScale', ...CONVECTION]),
  gridOnly('normalized', 'generic.NormalizedConvectionStepper', NormalizedConvectionStepper, ['normalizedLinearCoefficients', 'normalizedConvectionScale', ...CONVECTION]),
  gridOnly('difficulty', 'generic.DifficultyConvectionStepper', DifficultyConvectionStepper, ['linearDifficulties', 'convectionDifficulty', 'maximumAbsolute', ...CONVECTION]),
  physical('generic.GeneralGradientNormStepper', GeneralGradientNormStepper, ['linearCoefficients', 'gradientNormScale', DEALIAS]),
  gridOnly('normalized', 'generic.NormalizedGradientNormStepper', NormalizedGradientNormStepper, ['normalizedLinearCoefficients', 'normalizedGradientNormScale', DEALIAS]),
  gridOnly('difficulty', 'generic.DifficultyGradientNormStepper', DifficultyGradientNormStepper, ['linearDifficulties', 'gradientNormDifficulty', 'maximumAbsolute', DEALIAS]),
  physical('generic.GeneralNonlinearStepper', GeneralNonlinearStepper, ['linearCoefficients', 'nonlinearCoefficients', DEALIAS]),
  gridOnly('normalized', 'generic.NormalizedNonlinearStepper', NormalizedNonlinearStepper, ['normalizedLinearCoefficients', 'normalizedNonlinearCoefficients', DEALIAS]),
  gridOnly('difficulty', 'generic.DifficultyNonlinearStepper', DifficultyNonlinearStepper, ['linearDifficulties', 'nonlinearDifficulties', 'maximumAbsolute', DEALIAS]),
  physical('generic.GeneralPolynomialStepper', GeneralPolynomialStepper, ['linearCoefficients', 'polynomialCoefficients', DEALIAS]),
  gridOnly('normalized', 'generic.NormalizedPolynomialStepper', NormalizedPolynomialStepper, ['normalizedLinearCoefficients', 'normalizedPolynomialCoefficients', DEALIAS]),
  gridOnly('difficulty', 'generic.DifficultyPolynomialStepper', DifficultyPolynomialStepper, ['linearDifficulties', 'polynomialDifficulties', DEALIAS]),
  physical('generic.GeneralVorticityConvectionStepper', GeneralVorticityConvectionStepper, ['linearCoefficients', 'vorticityConvectionScale', 'injectionMode', 'injectionScale', DEALIAS]),
];

for (const entry of ENTRIES) registerStepper(entry);
// Exponax spells this class `DiffultyLinearStepperSimple`.
registerStepper({ ...ENTRIES.find((e) => e.name === 'generic.DifficultyLinearStepperSimple')!, name: 'generic.DiffultyLinearStepperSimple' });
