/**
 * Files: `.npy` arrays and JSON parameter trees on disk. Node only (this module imports
 * `node:fs/promises`); the formats themselves live in the platform-neutral `io/npy` and
 * `io/json`.
 *
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ArgumentError, DifftapeError, type ErrorDetails, fmtValue } from '../../errors.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Tree } from '../../tensor/tree.js';
import { type TreeFromJSONOptions, parseTree, stringifyTree } from '../json.js';
import { readNpy, serializeNpy } from '../npy.js';

function checkPath(path: unknown, fn: string): string {
  if (typeof path !== 'string' || path === '') {
    throw new ArgumentError({ fn, arg: 'path', expected: 'a non-empty file path string', actual: fmtValue(path) });
  }
  return path;
}

/**
 * Rethrows a format error from reading `path` as the same error class, attributed to
 * `fn` and naming the file.
 */
function inFile<T>(fn: string, path: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof DifftapeError)) throw e;
    const { arg, actual } = e.info;
    const Ctor = e.constructor as new (details: ErrorDetails) => DifftapeError;
    throw new Ctor({
      ...e.info,
      fn,
      arg: arg === 'text' || arg === undefined ? 'path' : arg,
      actual: `${actual ?? 'an invalid file'} (file ${resolve(path)})`,
    });
  }
}

/**
 * Reads a `.npy` file into a tensor (see `parseNpy` for the formats and dtypes).
 *
 * @param path - The file to read.
 * @throws ArgumentError, DTypeError, ShapeError - as `parseNpy`, attributed to `loadNpy`
 *   and naming the file.
 * @throws Error - Node's own errors for files that cannot be read (`ENOENT`, ...).
 */
export async function loadNpy(path: string): Promise<Tensor> {
  const fn = 'loadNpy';
  const p = checkPath(path, fn);
  const buf = await readFile(p);
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return readNpy(bytes, { fn, arg: 'path', where: ` (file ${resolve(p)})` });
}

/**
 * Writes a tensor as a `.npy` file, exactly as NumPy's `np.save` would (see
 * `serializeNpy`). The file is replaced if it exists; its folder must exist.
 *
 * @param path - The file to write (NumPy adds no `.npy` suffix for you here).
 * @param x - The tensor.
 * @throws ArgumentError, DTypeError - as `serializeNpy`.
 * @throws Error - Node's own errors for files that cannot be written.
 */
export async function saveNpy(path: string, x: Tensor): Promise<void> {
  const p = checkPath(path, 'saveNpy');
  await writeFile(p, serializeNpy(x));
}

/**
 * Reads a parameter tree from a JSON file written by {@link saveTree} (see `parseTree`).
 *
 * @param path - The file to read (UTF-8 JSON).
 * @param options - The root's name in error paths (default `"tree"`), and the backend.
 * @throws ArgumentError, DTypeError, ShapeError - as `parseTree`, attributed to
 *   `loadTree` and naming the file.
 * @throws Error - Node's own errors for files that cannot be read.
 */
export async function loadTree(path: string, options: TreeFromJSONOptions = {}): Promise<Tree> {
  const fn = 'loadTree';
  const p = checkPath(path, fn);
  const text = await readFile(p, 'utf8');
  return inFile(fn, p, () => parseTree(text, { name: 'tree', ...options }));
}

/**
 * Writes a parameter tree as JSON (see `stringifyTree` for the format, which keeps
 * every value bit-exact). The file is replaced if it exists; its folder must exist.
 *
 * @param path - The file to write.
 * @param tree - Tensors in nested arrays and plain objects, with static values.
 * @param space - Indentation for `JSON.stringify` (default: none).
 * @throws ArgumentError - as `stringifyTree`.
 * @throws Error - Node's own errors for files that cannot be written.
 */
export async function saveTree(path: string, tree: Tree, space?: string | number): Promise<void> {
  const p = checkPath(path, 'saveTree');
  const text = stringifyTree(tree, space);
  await writeFile(p, text + '\n', 'utf8');
}
