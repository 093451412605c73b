/**
 * The `difftape` command line. Sub-commands grow with the library; each prints what it
 * does as it goes and exits non-zero on failure.
 *
 *     difftape info        what this installation is and can do
 *     difftape --version
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { cpu, DTYPES, getDefaultBackend, stepperNames } from '../index.js';
import { CliError, rollout, sensitivity } from './physics.js';
import { prdp } from './prdp.js';

const USAGE = `usage: difftape <command> [options]

commands:
  info          print the version, the backends and the dtypes of this installation
  rollout       step an initial condition with a spectral stepper and save the states
                  --stepper NAME --dims D --points N [--extent L --dt DT] [--params JSON]
                  --ic IN.npy --steps T [--snapshots 0,1,5,...] [--dtype float64|float32]
                  --out OUT.npy
  sensitivity   the gradient of sum(W * u_T) with respect to the initial state (and a
                parameter): the rollout options without --snapshots, plus
                  --weights W.npy [--wrt PARAM]
  prdp          train through an iterative solver with progressive refinement (PRDP)
                  poisson|heat1d|heat2d [--mode prdp|constant] [--K k]
                  [--adjoint implicit|unrolled] [--seed s] [--epochs e] [--width w]
                  [--out DIR] [--quiet]          (writes report.json, history.svg)
                  sweep heat1d|heat2d [--seeds 1,2,3] [--Ks 1,2,5] [--epochs e]
                  [--width w] [--tolerance 0.05] [--out DIR]   (sweep.json, sweep.svg)
  help          print this message

options:
  --version     print the version

Stepper names are Exponax's (Burgers, reaction.GrayScott,
generic.DifficultyConvectionStepper, ...); --params takes their snake_case keyword names
or difftape's camelCase ones. Difficulty and normalized steppers take no --extent or --dt.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function info(): void {
  const lines = [
    `difftape ${version()}`,
    `node ${process.version} (${process.platform}-${process.arch})`,
    `default backend: ${getDefaultBackend().name}`,
    `backends: ${cpu.name} (float64 reference, bit-identical in Node and browsers)`,
    `dtypes: ${DTYPES.join(', ')}`,
    `steppers: ${stepperNames().join(', ')}`,
  ];
  console.log(lines.join('\n'));
}

/** Runs the command line with the given arguments; returns the exit code. */
export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    console.log(version());
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'rollout' || command === 'sensitivity' || command === 'prdp') {
    try {
      ({ rollout, sensitivity, prdp })[command](rest);
      return 0;
    } catch (e) {
      console.error(`difftape ${command}: ${e instanceof Error ? e.message : String(e)}`);
      return e instanceof CliError && !e.usage ? 1 : 2;
    }
  }
  if (command === 'info') {
    if (rest.length > 0) {
      console.error(`difftape info: unexpected argument '${rest[0]}'`);
      return 2;
    }
    info();
    return 0;
  }
  console.error(`difftape: unknown command '${command}'\n\n${USAGE}`);
  return 2;
}
