/**
 * Fourier transforms: NumPy's `numpy.fft` interface, differentiable, for any length.
 *
 * @module
 */
export * from './freq.js';
export * from './transforms.js';
