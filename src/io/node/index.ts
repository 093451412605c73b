/**
 * Node-only I/O: loading and saving `.npy` arrays and JSON parameter trees as files.
 * Import it as `difftape/io/node`; the rest of `io` works in browsers too.
 *
 * @module
 */
export { loadNpy, loadTree, saveNpy, saveTree } from './files.js';
