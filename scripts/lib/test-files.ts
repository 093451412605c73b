/**
 * Test-file discovery and the small CLI conventions shared by the runners.
 *
 * Test files are `test/**\/*.test.ts`; `*.node.test.ts` files are Node-only.
 * `test/fixtures/` is never searched. Order is deterministic (code-point sort
 * of the path relative to `test/`).
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Absolute path of `test/`. */
export const TEST_DIR = join(ROOT, 'test');

export interface TestFile {
  /** Absolute path. */
  path: string;
  /** Path relative to `test/`, with `/` separators (used as the uvu file name). */
  name: string;
  /** True for `*.node.test.ts` (never bundled for the browser). */
  nodeOnly: boolean;
}

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || full === join(TEST_DIR, 'fixtures')) continue;
      await walk(full, out);
    } else if (entry.isFile() && entry.name.endsWith('.test.ts')) {
      out.push(full);
    }
  }
}

/**
 * Lists test files, sorted. With `filters`, keeps files whose name (relative
 * to `test/`) contains any of the substrings.
 */
export async function findTestFiles(filters: readonly string[] = []): Promise<TestFile[]> {
  const paths: string[] = [];
  await walk(TEST_DIR, paths);
  return paths
    .map((path) => ({ path, name: relative(TEST_DIR, path).split(sep).join('/'), nodeOnly: path.endsWith('.node.test.ts') }))
    .filter((f) => filters.length === 0 || filters.some((s) => f.name.includes(s)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Formats a duration in milliseconds as seconds, e.g. `1.23s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`;
}
