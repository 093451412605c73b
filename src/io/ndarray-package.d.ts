/**
 * Minimal type declaration for the npm `ndarray` package (1.x), which ships no types.
 * Only `io/ndarray.ts` imports it, and it describes the result with its own `NdArray`
 * interface, so this declaration stays deliberately loose.
 */
declare module 'ndarray' {
  /** Makes an ndarray view of `data` (no copy). See https://github.com/scijs/ndarray. */
  function ndarray(data: unknown, shape?: number[], stride?: number[], offset?: number): unknown;
  export = ndarray;
}
