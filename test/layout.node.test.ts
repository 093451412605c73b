/**
 * The layering of docs/architecture.md, enforced: each folder of src/ imports only from
 * the layers below it, and Node built-ins appear only in src/cli/ and src/io/node/.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { builtinModules } from 'node:module';

const SRC = resolve('src');

/** What each layer may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  errors: [],
  dmath: [],
  random: ['errors', 'dmath'],
  kernels: [],
  backend: ['errors', 'dmath', 'tensor-core', 'kernels'],
  'tensor-core': ['errors', 'backend'],
  tensor: ['errors', 'dmath', 'random', 'backend', 'tensor-core'],
  ops: ['errors', 'dmath', 'backend', 'tensor', 'tensor-core'],
  autodiff: ['errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops'],
  fft: ['errors', 'backend', 'tensor', 'tensor-core', 'ops'],
  physics: ['errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff', 'fft'],
  linalg: ['errors', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff'],
  nn: ['errors', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff'],
  optim: ['errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff'],
  prdp: ['errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff', 'linalg', 'nn', 'optim', 'io'],
  io: ['errors', 'backend', 'tensor', 'tensor-core', 'ops'],
  'io-node': ['errors', 'backend', 'tensor', 'tensor-core', 'ops', 'io'],
  index: ['errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff', 'fft', 'physics', 'linalg', 'nn', 'optim', 'prdp', 'io'],
  cli: [
    'errors', 'dmath', 'random', 'backend', 'tensor', 'tensor-core', 'ops', 'autodiff', 'fft', 'physics', 'linalg', 'nn', 'optim', 'prdp',
    'io', 'io-node', 'index',
  ],
};

/** The layer of a file under src/ (the tensor class, dtypes and shapes sit below backends). */
function layerOf(file: string): string {
  const rel = relative(SRC, file).replace(/\\/g, '/');
  if (rel === 'index.ts') return 'index';
  if (rel.startsWith('../kernels/')) return 'kernels';
  if (rel === 'errors.ts') return 'errors';
  if (/^tensor\/(tensor|dtype|shape)\.ts$/.test(rel)) return 'tensor-core';
  if (rel.startsWith('io/node/')) return 'io-node';
  return rel.split('/')[0]!;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

test('Node built-ins are imported only in src/cli/ and src/io/node/', () => {
  const offenders = files(SRC).flatMap((f) => {
    const layer = layerOf(f);
    if (layer === 'cli' || layer === 'io-node') return [];
    return imports(f).filter((s) => builtins.has(s) || s.startsWith('node:')).map((s) => `${relative(SRC, f)} imports ${s}`);
  });
  assert.equal(offenders, []);
});

test('every import goes to the same layer or one below it', () => {
  const offenders = files(SRC).flatMap((f) => {
    const from = layerOf(f);
    const allowed = ALLOWED[from];
    if (allowed === undefined) return [`${relative(SRC, f)}: unknown layer '${from}'`];
    return imports(f)
      .filter((s) => s.startsWith('.'))
      .map((s) => [s, layerOf(resolve(dirname(f), s.replace(/\.js$/, '.ts')))] as const)
      .filter(([, to]) => to !== from && !allowed.includes(to))
      .map(([s, to]) => `${relative(SRC, f)} (${from}) imports ${s} (${to})`);
  });
  assert.equal(offenders, []);
});

test('kernels/ holds plain gpu.js kernel functions that import nothing but their types and float32 math helpers', () => {
  const dir = resolve('kernels');
  const offenders = files(dir).flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    const bad = imports(f).filter((s) => s !== './types.js' && s !== './math.js').map((s) => `${relative(dir, f)} imports ${s}`);
    // gpu.js transpiles each function's source: arrow functions, '**' and '%' do not survive every backend.
    if (/=>|\*\*|[^*/]%[^=]/.test(text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, ''))) bad.push(`${relative(dir, f)} uses =>, ** or %`);
    return bad;
  });
  assert.equal(offenders, []);
});

test.run();
