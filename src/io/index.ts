/**
 * Interop: NumPy `.npy` bytes, `ndarray` views, JSON parameter trees, PNG images and SVG
 * line charts.
 * Everything here is platform-neutral; file helpers for Node are in `io/node`.
 *
 * @module
 */
export { type NdArray, type NdArrayDType, type NdArrayLike, fromNdarray, toNdarray } from './ndarray.js';
export { type NpyHeader, parseNpy, parseNpyHeader, serializeNpy } from './npy.js';
export {
  type JSONValue, type TensorJSON, type TreeFromJSONOptions, parseTree, stringifyTree, treeFromJSON, treeToJSON,
} from './json.js';
export * from './png.js';
export * from './svg.js';
