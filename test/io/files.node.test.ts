/**
 * Node-only file I/O: save/load round trips for `.npy` and JSON trees, error messages
 * that name the file, and that NumPy itself reads what we write (through `python3`;
 * skipped when python3 with NumPy is not installed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ArgumentError, DTypeError, ShapeError } from '../../src/errors.js';
import { serializeNpy } from '../../src/io/index.js';
import { loadNpy, loadTree, saveNpy, saveTree } from '../../src/io/node/index.js';
import { slice, transpose } from '../../src/ops/index.js';
import { type Tensor, arange, fromArray, scalar, tensor, zeros } from '../../src/tensor/index.js';

const dir = await mkdtemp(join(tmpdir(), 'difftape-io-'));
const file = (name: string): string => join(dir, name);

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { timeout: 60_000 }).status === 0;
if (!hasNumpy) console.warn('files.node.test: python3 with numpy not found; skipping the NumPy checks');
const numpyTest = hasNumpy ? test : test.skip;

function hexOf(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
}

function assertBitsEqual(actual: Tensor, want: Tensor, msg?: string): void {
  assert.is(actual.dtype, want.dtype, msg);
  assert.equal([...actual.shape], [...want.shape], msg);
  assert.is(hexOf(actual.toTypedArray()), hexOf(want.toTypedArray()), msg);
}

async function rejectsWith(f: () => Promise<unknown>, cls: new (...args: never[]) => Error, ...fragments: string[]): Promise<void> {
  let error: unknown;
  try {
    await f();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof cls, `expected a ${cls.name}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  const message = (error as Error).message;
  for (const fragment of fragments) assert.ok(message.includes(fragment), `message ${JSON.stringify(message)} lacks ${JSON.stringify(fragment)}`);
}

/** Runs a Python snippet with NumPy imported as np and the given argv; returns its stdout parsed as JSON. */
function python(code: string, args: string[]): unknown {
  const r = spawnSync('python3', ['-c', `import json, sys\nimport numpy as np\n${code}`, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`python3 failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const f64 = new Float64Array([0.1, -0, NaN, Infinity, -Infinity, 5e-324, -Number.MAX_VALUE, 1 / 3, Math.PI, -2.5, 1e300, 7]);
const samples: [string, Tensor][] = [
  ['f8_2d', fromArray(f64, [3, 4])],
  ['f4_3d', fromArray(new Float32Array([0.1, -0, NaN, Infinity, 3.4028234663852886e38, 1.401298464324817e-45, -1.5, 2 ** -20]), [2, 2, 2])],
  ['i4_1d', tensor([-2147483648, -1, 0, 1, 2147483647], { dtype: 'int32' })],
  ['b1_2d', tensor([[true, false, true], [false, false, true]])],
  ['f8_0d', scalar(-0.75)],
  ['b1_0d', scalar(true)],
  ['f4_empty', zeros([0, 5], { dtype: 'float32' })],
  ['f8_transposed', transpose(arange(12, undefined, 1, { dtype: 'float64' }).reshape([3, 4]))],
  ['i4_sliced', slice(arange(30).reshape([5, 6]), [null, null, -2], [1, 5, 2])],
  ['f8_long', arange(0, 1, 1 / 1024)],
];

// ---------------------------------------------------------------------------------------

test('files: saveNpy/loadNpy round-trip bit-exactly and write serializeNpy bytes', async () => {
  for (const [name, x] of samples) {
    const path = file(`${name}.npy`);
    await saveNpy(path, x);
    assert.is(hexOf(await readFile(path)), hexOf(serializeNpy(x)), name);
    assertBitsEqual(await loadNpy(path), x, name);
  }
});

test('files: saveTree/loadTree round-trip a parameter tree', async () => {
  const layers: Record<string, Tensor>[] = [{ w: samples[0]![1], b: samples[2]![1] }, { w: samples[1]![1], mask: samples[3]![1] }];
  const tree = {
    layers,
    name: 'net',
    lr: 1e-3,
    weird: [NaN, -0, undefined, null],
  };
  const path = file('tree.json');
  await saveTree(path, tree, 1);
  const text = await readFile(path, 'utf8');
  assert.ok(text.endsWith('}\n'));
  const back = (await loadTree(path)) as typeof tree;
  assert.equal(Object.keys(back), Object.keys(tree));
  for (const [i, layer] of layers.entries()) {
    assert.equal(Object.keys(back.layers[i]!), Object.keys(layer));
    for (const k of Object.keys(layer)) assertBitsEqual(back.layers[i]![k]!, layer[k]!, `layers[${i}].${k}`);
  }
  assert.is(back.name, 'net');
  assert.is(back.lr, 1e-3);
  assert.ok(Number.isNaN(back.weird[0]) && Object.is(back.weird[1], -0) && back.weird[2] === undefined && back.weird[3] === null);
});

test('files: errors name the function, the argument and the file', async () => {
  const bad = file('bad.npy');
  await writeFile(bad, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  await rejectsWith(() => loadNpy(bad), ArgumentError, "loadNpy: argument 'path'", 'magic', bad);
  const truncated = file('truncated.npy');
  await writeFile(truncated, serializeNpy(samples[0]![1]).subarray(0, 140));
  await rejectsWith(() => loadNpy(truncated), ShapeError, "loadNpy: argument 'path'", 'truncated data', truncated);
  const i8 = file('i8.npy');
  const bytes = serializeNpy(tensor([1, 2], { dtype: 'int32' }));
  const at = Buffer.from(bytes).indexOf('<i4');
  bytes.set(new TextEncoder().encode('<i8'), at); // the data are now too short too, but the dtype is checked first
  await writeFile(i8, bytes);
  await rejectsWith(() => loadNpy(i8), DTypeError, "loadNpy: argument 'path'", 'int64', 'astype(np.int32)', i8);

  const badTree = file('bad-tree.json');
  await writeFile(badTree, '{"a": {"__tensor__": 1, "dtype": "float64", "shape": [2], "data": [1]}}');
  await rejectsWith(() => loadTree(badTree), ShapeError, "loadTree: argument 'tree.a.data'", badTree);
  await writeFile(badTree, '{"a": ');
  await rejectsWith(() => loadTree(badTree), ArgumentError, "loadTree: argument 'path'", 'valid JSON', badTree);
  await rejectsWith(() => loadTree(badTree, { name: 'params' }), ArgumentError, "loadTree: argument 'path'");

  await rejectsWith(() => loadNpy(file('missing.npy')), Error, 'ENOENT');
  await rejectsWith(() => loadNpy('' as string), ArgumentError, "loadNpy: argument 'path'");
  await rejectsWith(() => saveNpy(42 as unknown as string, samples[0]![1]), ArgumentError, "saveNpy: argument 'path'");
  await rejectsWith(() => saveNpy(file('x.npy'), [1] as unknown as Tensor), ArgumentError, "serializeNpy: argument 'x'");
  await rejectsWith(() => saveTree(file('x.json'), { m: new Map() as unknown as Tensor }), ArgumentError, "treeToJSON: argument 'tree.m'");
});

numpyTest('files: NumPy reads what saveNpy writes, bit for bit, and would write the same bytes', async () => {
  const paths = samples.map(([name]) => file(`${name}.npy`));
  for (const [i, [, x]] of samples.entries()) await saveNpy(paths[i]!, x);
  const code = `
import io
out = []
for path in sys.argv[1:]:
    a = np.load(path, allow_pickle=False)
    buf = io.BytesIO()
    np.save(buf, a)
    out.append({
        'descr': a.dtype.str,
        'shape': list(a.shape),
        'c': bool(a.flags.c_contiguous),
        'bits': a.tobytes(order='C').hex(),
        'values': [repr(v) for v in a.ravel().tolist()],
        'resaved': buf.getvalue().hex(),
    })
print(json.dumps(out))
`;
  const results = python(code, paths) as { descr: string; shape: number[]; c: boolean; bits: string; values: string[]; resaved: string }[];
  const descr = { float64: '<f8', float32: '<f4', int32: '<i4', bool: '|b1', complex64: '<c8', complex128: '<c16' };
  for (const [i, [name, x]] of samples.entries()) {
    const r = results[i]!;
    assert.is(r.descr, descr[x.dtype], name);
    assert.equal(r.shape, [...x.shape], name);
    assert.ok(r.c, name);
    assert.is(r.bits, hexOf(x.toTypedArray()), `${name}: bits`);
    assert.is(r.resaved, hexOf(serializeNpy(x)), `${name}: np.save writes the same bytes`);
    const special: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity, True: 1, False: 0 };
    const values = x.toTypedArray();
    r.values.forEach((v, j) => assert.ok(Object.is(values[j], v in special ? special[v] : Number(v)), `${name}[${j}]: ${v} vs ${values[j]}`));
  }
});

numpyTest('files: NumPy files written now (not just the fixtures) load exactly', async () => {
  const path = file('from-numpy.npy');
  const res = python(
    `a = (np.arange(2 * 3 * 7, dtype=np.float64).reshape(2, 3, 7) / 7) ** 3
np.save(sys.argv[1], a)
print(json.dumps({'bits': a.tobytes().hex(), 'shape': list(a.shape)}))`,
    [path],
  ) as { bits: string; shape: number[] };
  const x = await loadNpy(path);
  assert.equal([...x.shape], res.shape);
  assert.is(hexOf(x.toTypedArray()), res.bits);
  assert.is(hexOf(serializeNpy(x)), hexOf(await readFile(path)));
});

test('files: clean up', async () => {
  await rm(dir, { recursive: true, force: true });
});

test.run();
