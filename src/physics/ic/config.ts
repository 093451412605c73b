/**
 * APEBench's initial-condition configuration strings.
 *
 * @module
 */
import { ArgumentError, fmtValue } from '../../errors.js';
import { type IcGenerator, checkDims, checkInteger } from './base.js';
import { ClampingICGenerator } from './clamping.js';
import { DiffusedNoise } from './diffused-noise.js';
import { GaussianRandomField } from './gaussian-random-field.js';
import { RandomMultiChannelICGenerator } from './multi-channel.js';
import { RandomTruncatedFourierSeries } from './truncated-fourier-series.js';

/** Options of {@link parseIcConfig}. */
export interface IcConfigOptions {
  /**
   * Wrap the generator in a {@link RandomMultiChannelICGenerator} of this many copies, as
   * APEBench's scenarios do (also for 1: the key is then split once more). Default: no
   * wrapper, a one-channel generator.
   */
  numChannels?: number;
}

const FN = 'parseIcConfig';
// Python's float() and int() literals (underscores between digits allowed); no inf or nan.
const FLOAT = /^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const INT = /^[+-]?\d(?:_?\d)*$/;

function field(parts: readonly string[], i: number, name: string, config: string): string {
  const v = parts[i];
  if (v === undefined) throw new ArgumentError({ fn: FN, arg: 'config', expected: `a field ${name} at position ${i}`, actual: fmtValue(config) });
  return v.trim();
}

function parseFloatField(parts: readonly string[], i: number, name: string, config: string): number {
  const s = field(parts, i, name, config);
  const v = FLOAT.test(s) ? Number(s.replace(/_/g, '')) : NaN;
  if (!Number.isFinite(v)) throw new ArgumentError({ fn: FN, arg: 'config', expected: `${name} (field ${i}) a finite number`, actual: fmtValue(s) });
  return v;
}

function parseIntField(parts: readonly string[], i: number, name: string, config: string): number {
  const s = field(parts, i, name, config);
  if (!INT.test(s)) throw new ArgumentError({ fn: FN, arg: 'config', expected: `${name} (field ${i}) an integer`, actual: fmtValue(s) });
  return Number(s.replace(/_/g, ''));
}

function parseBoolField(parts: readonly string[], i: number, name: string, config: string): boolean {
  const s = field(parts, i, name, config).toLowerCase();
  if (s !== 'true' && s !== 'false') throw new ArgumentError({ fn: FN, arg: 'config', expected: `${name} (field ${i}) 'true' or 'false'`, actual: fmtValue(parts[i]) });
  return s === 'true';
}

function expectFields(parts: readonly string[], n: number, shape: string, config: string): void {
  if (parts.length !== n) throw new ArgumentError({ fn: FN, arg: 'config', expected: `${n} fields '${shape}'`, actual: fmtValue(config) });
}

function parseSingle(config: string, D: number): IcGenerator {
  const parts = config.split(';');
  const name = parts[0]!.trim().toLowerCase();
  switch (name) {
    case 'fourier': {
      expectFields(parts, 4, 'fourier;CUTOFF;ZERO_MEAN;MAX_ONE', config);
      const cutoff = checkInteger(parseIntField(parts, 1, 'CUTOFF', config), FN, 'config (CUTOFF)', 0);
      const zeroMean = parseBoolField(parts, 2, 'ZERO_MEAN', config);
      return new RandomTruncatedFourierSeries(D, { cutoff, offsetRange: zeroMean ? [0, 0] : [-0.5, 0.5], maxOne: parseBoolField(parts, 3, 'MAX_ONE', config) });
    }
    case 'diffused': {
      expectFields(parts, 4, 'diffused;INTENSITY;ZERO_MEAN;MAX_ONE', config);
      const intensity = parseFloatField(parts, 1, 'INTENSITY', config);
      return new DiffusedNoise(D, { intensity, zeroMean: parseBoolField(parts, 2, 'ZERO_MEAN', config), maxOne: parseBoolField(parts, 3, 'MAX_ONE', config) });
    }
    case 'grf': {
      expectFields(parts, 4, 'grf;POWERLAW_EXPONENT;ZERO_MEAN;MAX_ONE', config);
      const powerlawExponent = parseFloatField(parts, 1, 'POWERLAW_EXPONENT', config);
      return new GaussianRandomField(D, { powerlawExponent, zeroMean: parseBoolField(parts, 2, 'ZERO_MEAN', config), maxOne: parseBoolField(parts, 3, 'MAX_ONE', config) });
    }
    case 'clamp': {
      if (parts.length < 5) throw new ArgumentError({ fn: FN, arg: 'config', expected: "'clamp;LOWER;UPPER;<inner configuration>'", actual: fmtValue(config) });
      const low = parseFloatField(parts, 1, 'LOWER', config);
      const high = parseFloatField(parts, 2, 'UPPER', config);
      if (!(low < high)) throw new ArgumentError({ fn: FN, arg: 'config', expected: 'clamp limits with LOWER < UPPER', actual: fmtValue(config) });
      return new ClampingICGenerator(parseSingle(parts.slice(3).join(';'), D), [low, high]);
    }
    default:
      throw new ArgumentError({ fn: FN, arg: 'config', expected: "a configuration starting with 'fourier', 'diffused', 'grf' or 'clamp'", actual: fmtValue(config) });
  }
}

/**
 * Builds the generator an APEBench IC configuration string describes (fields separated
 * by `;`, names and booleans case-insensitive, surrounding spaces ignored):
 *
 * - `fourier;CUTOFF;ZERO_MEAN;MAX_ONE`: {@link RandomTruncatedFourierSeries} with that
 *   cutoff, offset range `[0, 0]` if ZERO_MEAN else `[-0.5, 0.5]`, and `maxOne`.
 * - `diffused;INTENSITY;ZERO_MEAN;MAX_ONE`: {@link DiffusedNoise}.
 * - `grf;POWERLAW_EXPONENT;ZERO_MEAN;MAX_ONE`: {@link GaussianRandomField}.
 * - `clamp;LOWER;UPPER;<configuration>`: {@link ClampingICGenerator} around the inner one.
 *
 * APEBench's default is `fourier;5;true;true`; Fisher-KPP uses
 * `clamp;0.0;1.0;fourier;5;false;false`. Numbers follow Python's `int`/`float` literals
 * (`10_000` and `1e-3` are fine). Stricter than APEBench, which reads every boolean other
 * than "true" as false and ignores extra fields: here a boolean must be `true` or `false`
 * and the field count must match.
 *
 * @param config - the configuration string.
 * @param numSpatialDims - D, 1, 2 or 3.
 * @param options - `numChannels`: wrap in a multi-channel generator of that many copies.
 * @throws ArgumentError naming the field that does not parse, or a generator's own
 *   validation error.
 */
export function parseIcConfig(config: string, numSpatialDims: number, options: IcConfigOptions = {}): IcGenerator {
  if (typeof config !== 'string') throw new ArgumentError({ fn: FN, arg: 'config', expected: 'a string', actual: fmtValue(config) });
  const D = checkDims(numSpatialDims, FN);
  const gen = parseSingle(config, D);
  if (options.numChannels === undefined) return gen;
  const C = checkInteger(options.numChannels, FN, 'numChannels', 1);
  return new RandomMultiChannelICGenerator(new Array<IcGenerator>(C).fill(gen));
}
