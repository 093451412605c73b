/**
 * Initial-condition generators, after Exponax 0.2.0's `exponax.ic`: random states for
 * the steppers, sets of them, and APEBench's configuration strings.
 *
 * Every generator has `generate(numPoints, key, {dtype})` returning `(C, N, ..., N)`;
 * spectral ones (truncated Fourier series, Gaussian random field, diffused noise) filter
 * white noise in Fourier space, closed-form ones (blobs, discontinuities, sine waves) are
 * evaluated on `x_i = i L / N` of their own domain extent (default 1) and also give
 * their formula through `genIcFun(key)`.
 *
 * @module
 */
export { type IcFunction, type IcGenerator, type IcOptions, type Range } from './base.js';
export { ClampingICGenerator } from './clamping.js';
export { type IcConfigOptions, parseIcConfig } from './config.js';
export { DiffusedNoise, type DiffusedNoiseOptions } from './diffused-noise.js';
export { type Discontinuity, Discontinuities, RandomDiscontinuities, type RandomDiscontinuitiesOptions } from './discontinuities.js';
export { GaussianBlob, GaussianBlobs, RandomGaussianBlobs, type RandomGaussianBlobsOptions } from './gaussian-blobs.js';
export { GaussianRandomField, type GaussianRandomFieldOptions } from './gaussian-random-field.js';
export { type IcSetOptions, buildIcSet } from './ic-set.js';
export { MultiChannelIC, RandomMultiChannelICGenerator } from './multi-channel.js';
export { type NormalizationOptions, normalizeIc, rescaleToLimits, validateNormalizationOptions } from './normalize.js';
export { ScaledIC, ScaledICGenerator } from './scaled.js';
export { RandomSineWaves1d, type RandomSineWaves1dOptions, type SineNormalizationOptions, SineWaves1d, type SineWaves1dOptions } from './sine-waves-1d.js';
export { RandomTruncatedFourierSeries, type RandomTruncatedFourierSeriesOptions } from './truncated-fourier-series.js';
export { WhiteNoise, type WhiteNoiseOptions } from './white-noise.js';
