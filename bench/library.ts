/**
 * The library as users run it: the compiled `dist/` (what `npm install` and bundlers
 * ship), not the TypeScript sources transpiled on the fly by tsx, which runs the
 * small-tensor hot paths measurably slower. Throws when `dist/` is missing or older than
 * `src/`: run `npm run build` (the `bench:*` scripts do).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Library = typeof import('../src/index.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Imports `dist/src/index.js`, after checking that it was built from the current sources. */
export async function loadLibrary(): Promise<Library> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const entry = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(entry)) throw new Error('bench: dist/ is missing; run `npm run build` first');
  if (statSync(entry).mtimeMs < Math.max(newest(join(root, 'src')), newest(join(root, 'kernels')))) {
    throw new Error('bench: dist/ is older than src/; run `npm run build` first');
  }
  return (await import(new URL('../dist/src/index.js', import.meta.url).href)) as Library;
}
