/**
 * dmath: deterministic elementary functions.
 *
 * Every function here is built only from IEEE 754 operations that are exact or
 * correctly rounded on every engine (+ - * /, Math.sqrt, Math.abs, Math.floor and
 * reading/writing the words of a double), so results are bit-identical in Node and in
 * every browser, unlike Math.exp, Math.sin, Math.pow and friends, which differ by an
 * ulp between V8 builds. The algorithms are fdlibm's (with FreeBSD msun refinements),
 * with double-double intermediates where fdlibm's composites reach 2 ulp. Every function
 * has an error below 1 ulp (erfc: below 2 ulp on (0.25, 1.25)), so it is also within 1
 * ulp of any platform Math function that is itself below 1 ulp. Returned NaNs are plain
 * NaN; their bit pattern is not pinned (JS engines do not preserve NaN payloads).
 */

export { exp, expm1 } from './exp.js';
export { log, log1p, log2, log10 } from './log.js';
export { sin, cos, tan } from './trig.js';
export { asin, acos, atan, atan2 } from './inverse-trig.js';
export { sinh, cosh, tanh, asinh, acosh, atanh } from './hyperbolic.js';
export { pow, cbrt } from './pow.js';
export { erf, erfc } from './erf.js';
