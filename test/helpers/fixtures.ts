/**
 * Loads binary test fixtures from `test/fixtures/` in either environment:
 * `node:fs/promises` in Node (imported dynamically, so this module has no
 * static Node built-in import and can be bundled for the browser, where
 * `node:*` is external and never reached), `fetch('/test/fixtures/...')` in
 * the browser (the browser runner's server serves that directory).
 */
import { isBrowser } from './env.js';

function checkPath(relPath: string): string {
  const parts = relPath.split('/');
  if (relPath.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`loadFixture: expected a plain relative path under test/fixtures/, got ${JSON.stringify(relPath)}`);
  }
  return relPath;
}

/**
 * Reads `test/fixtures/<relPath>` (e.g. `harness/hello.txt`). The result is a
 * plain `Uint8Array` (not a Buffer) that owns its `ArrayBuffer` (byteOffset
 * 0), so `new Float32Array(bytes.buffer)` is safe when aligned data is stored.
 */
export async function loadFixture(relPath: string): Promise<Uint8Array> {
  const path = checkPath(relPath);
  if (isBrowser) {
    const url = '/test/fixtures/' + path.split('/').map(encodeURIComponent).join('/');
    const res = await fetch(url);
    if (!res.ok) throw new Error(`loadFixture: GET ${url} -> HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  const { readFile } = await import('node:fs/promises');
  return new Uint8Array(await readFile(new URL(`../fixtures/${path}`, import.meta.url)));
}

/** Reads `test/fixtures/<relPath>` as UTF-8 text. */
export async function loadFixtureText(relPath: string): Promise<string> {
  return new TextDecoder().decode(await loadFixture(relPath));
}
