/**
 * Browser test runner: bundles every `test/**\/*.test.ts` except
 * `*.node.test.ts` with esbuild, serves it from a local HTTP server and runs
 * it in headless Chromium through playwright-core.
 *
 *   tsx scripts/run-browser-tests.ts [--out <file>] [--timeout <ms>] [filter ...]
 *
 * - One generated entry module loads the test files in sorted order through
 *   the same uvu driver as the Node runner (scripts/lib/uvu-harness.ts), each
 *   via `import()` (code splitting: every test file is its own chunk, so a
 *   file that throws while loading fails alone, and top-level await works),
 *   then stores the counts on `globalThis.__UVU_RESULT__`.
 * - The server (127.0.0.1, random port) serves `/`, the bundle under
 *   `/bundle/`, and `test/fixtures/` under `/test/fixtures/`.
 * - Page console output is forwarded to stdout, with bundle positions in
 *   stack traces mapped back to the `.ts` sources. Uncaught page errors count
 *   as failed tests.
 * - Parity: if the page sets `globalThis.__DIFFTAPE_PARITY__` (name -> hex
 *   hash) and `test/parity/workload.ts` exists, its `parityHashes()` is run
 *   here in Node and each name compared counts as one test.
 *
 * Results: JSON to `--out`, else `$DIFFTAPE_BROWSER_RESULTS`, else
 * `.cache/browser-results.json`. Timeout: `--timeout`, else
 * `$DIFFTAPE_BROWSER_TIMEOUT_MS`, else 20 minutes. Browser:
 * `$DIFFTAPE_CHROMIUM`, else /usr/bin/chromium.
 */
import { build, formatMessages, type BuildFailure, type LogLevel, type OutputFile, type Plugin } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type ConsoleMessage } from 'playwright-core';
import { findTestFiles, ROOT, seconds, TEST_DIR } from './lib/test-files.js';
import { stripAnsi, type UvuResult } from './lib/uvu-harness.js';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' }, timeout: { type: 'string' } },
  allowPositionals: true,
});
const outFile = resolve(ROOT, values.out ?? process.env['DIFFTAPE_BROWSER_RESULTS'] ?? '.cache/browser-results.json');
const timeoutMs = Number(values.timeout ?? process.env['DIFFTAPE_BROWSER_TIMEOUT_MS'] ?? 20 * 60_000);
const executablePath = process.env['DIFFTAPE_CHROMIUM'] ?? '/usr/bin/chromium';

const FIXTURES_DIR = join(TEST_DIR, 'fixtures');
const PARITY_MODULE = join(TEST_DIR, 'parity', 'workload.ts');
const OUT_DIR = join(ROOT, '.cache', 'browser-bundle'); // nominal: nothing is written there
const DONE = '__DIFFTAPE_BROWSER_DONE__';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  // GPU paths kept available for WebGPU/WebGL tests (software Vulkan/GL).
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  // The sandboxed network refuses outside connections; keep Chromium quiet.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Browser totals: uvu's counts plus page errors and parity checks. */
interface BrowserResult extends UvuResult {
  pageErrors: number;
  parity: { passed: number; failed: number };
  durationMs: number;
  error?: string;
}

const color = process.env['FORCE_COLOR'] !== undefined && process.env['FORCE_COLOR'] !== '0'
  ? true
  : process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
const out = (text: string): void => void process.stdout.write(color ? text : stripAnsi(text));

const started = performance.now();
const result: BrowserResult = {
  passed: 0, failed: 0, skipped: 0, files: 0, failures: [],
  pageErrors: 0, parity: { passed: 0, failed: 0 }, durationMs: 0,
};

async function main(): Promise<void> {
  const files = (await findTestFiles(positionals)).filter((f) => !f.nodeOnly);
  if (files.length === 0) {
    console.log(`browser: no test files${positionals.length ? ` match ${positionals.join(', ')}` : ''}`);
    return;
  }

  const t0 = performance.now();
  const bundle = await bundleTests(files);
  console.log(`browser: bundled ${files.length} files in ${seconds(performance.now() - t0)}`);

  const server = createServer((req, res) => void serve(bundle, req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mapStacks = stackMapper(origin, bundle);

  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    let finish!: () => void;
    let fail!: (err: Error) => void;
    const done = new Promise<void>((ok, no) => ((finish = ok), (fail = no)));
    done.catch(() => {}); // observed below via Promise.race; may also reject after we stop waiting
    const print = consolePrinter(mapStacks);
    page.on('console', (msg) => (msg.text() === DONE ? finish() : print(msg)));
    page.on('pageerror', (err) => {
      result.pageErrors += 1;
      result.failed += 1;
      const text = `uncaught page error: ${mapStacks(err.stack ?? String(err))}`;
      result.failures.push(text);
      print.line(`[pageerror] ${text}`);
    });
    page.on('crash', () => fail(new Error('the page crashed')));
    browser.on('disconnected', () => fail(new Error('the browser disconnected')));

    await page.goto(origin + '/');
    const startedOk = await page
      .waitForFunction(() => (globalThis as { __DIFFTAPE_STARTED__?: boolean }).__DIFFTAPE_STARTED__ === true, null, { timeout: 60_000 })
      .then(() => true, () => false);
    if (!startedOk) throw new Error('the test bundle did not start within 60 s (see the page errors above)');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, no) => {
      timer = setTimeout(() => {
        // Name the file that was running, unless the page is too busy to answer.
        const current = page.evaluate(() => (globalThis as { __DIFFTAPE_CURRENT_FILE__?: string }).__DIFFTAPE_CURRENT_FILE__);
        const wait = new Promise<undefined>((ok) => setTimeout(ok, 2000, undefined));
        void Promise.race([current, wait]).catch(() => undefined).then((file) =>
          no(new Error(`browser tests did not finish within ${timeoutMs} ms${file ? ` (stuck in ${file})` : ''}`)),
        );
      }, timeoutMs);
    });
    try {
      await Promise.race([done, timeout]);
      // Round-trip once so late page errors (unhandled rejections) arrive before we count.
      await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
    } finally {
      clearTimeout(timer);
      print.end();
    }

    const uvu = await page.evaluate(() => (globalThis as { __UVU_RESULT__?: unknown }).__UVU_RESULT__) as UvuResult & { error?: string };
    if (uvu.error !== undefined) throw new Error(`in page: ${mapStacks(uvu.error)}`);
    result.passed += uvu.passed;
    result.failed += uvu.failed;
    result.skipped += uvu.skipped;
    result.files = uvu.files;
    result.failures.push(...uvu.failures.map(mapStacks));

    const parity = await page.evaluate(() => (globalThis as { __DIFFTAPE_PARITY__?: unknown }).__DIFFTAPE_PARITY__);
    if (parity !== undefined && existsSync(PARITY_MODULE)) await checkParity(parity);
  } finally {
    await browser.close();
    server.close();
  }
}

/** In-memory bundle: URL path under `/bundle/` -> output file. */
type Bundle = Map<string, OutputFile>;

/**
 * Bundles the test files behind one generated entry module (`/bundle/entry.js`).
 * If the build fails, each file is built alone to find the broken ones; those
 * are left out and their loader rejects with the build error instead, so they
 * count as one failed test each (as an import failure does in Node).
 */
async function bundleTests(files: readonly { path: string; name: string }[]): Promise<Bundle> {
  try {
    return await buildBundle(files, new Map(), 'silent');
  } catch (err) {
    if (!isBuildFailure(err)) throw err;
  }
  const broken = new Map<string, string>();
  for (const file of files) {
    try {
      await buildBundle([file], new Map(), 'silent');
    } catch (err) {
      if (!isBuildFailure(err)) throw err;
      const text = await formatMessages(err.errors, { kind: 'error', color: false });
      broken.set(file.path, `esbuild could not bundle ${file.name}:\n${text.join('').trimEnd()}`);
    }
  }
  return buildBundle(files, broken, 'warning');
}

function isBuildFailure(err: unknown): err is BuildFailure {
  return err instanceof Error && Array.isArray((err as Partial<BuildFailure>).errors);
}

async function buildBundle(files: readonly { path: string; name: string }[], broken: ReadonlyMap<string, string>, logLevel: LogLevel): Promise<Bundle> {
  const harness = join(ROOT, 'scripts', 'lib', 'uvu-harness.ts');
  const loader = (f: { path: string }): string => {
    const error = broken.get(f.path);
    if (error === undefined) return `() => import(${JSON.stringify(f.path)})`;
    return `() => Promise.reject(Object.assign(new Error(${JSON.stringify(error)}), { stack: ${JSON.stringify(error)} }))`;
  };
  const entry = [
    `import { runUvu } from ${JSON.stringify(harness)};`,
    `globalThis.__DIFFTAPE_STARTED__ = true;`,
    `const modules = [`,
    ...files.map((f) => `  { name: ${JSON.stringify(f.name)}, load: ${loader(f)} },`),
    `];`,
    `try {`,
    `  globalThis.__UVU_RESULT__ = await runUvu(modules);`,
    `} catch (err) {`,
    `  globalThis.__UVU_RESULT__ = { passed: 0, failed: 0, skipped: 0, files: modules.length, failures: [], error: String(err && err.stack || err) };`,
    `}`,
    `console.log(${JSON.stringify(DONE)});`,
  ].join('\n');
  const virtualEntry: Plugin = {
    name: 'difftape-entry',
    setup(b) {
      b.onResolve({ filter: /^difftape:entry$/ }, () => ({ path: 'entry', namespace: 'difftape' }));
      b.onLoad({ filter: /.*/, namespace: 'difftape' }, () => ({ contents: entry, loader: 'js', resolveDir: ROOT }));
    },
  };
  const built = await build({
    entryPoints: { entry: 'difftape:entry' },
    plugins: [virtualEntry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external: ['node:*'], // only reached behind `isBrowser` checks (test/helpers/fixtures.ts)
    sourcemap: 'both', // inline for DevTools; the .map outputs are used to map stack traces here
    outdir: OUT_DIR,
    chunkNames: 'chunks/[name]-[hash]',
    write: false,
    logLevel,
  });
  return new Map(built.outputFiles.map((f) => [relative(OUT_DIR, f.path).split(sep).join('/'), f]));
}

const MIME: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
};

const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>difftape tests</title>
<script>globalThis.UVU_DEFER = 1;</script>
<script type="module" src="/bundle/entry.js"></script>
</head><body></body></html>
`;

async function serve(bundle: Bundle, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8'): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  try {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/' || path === '/index.html') return send(200, INDEX_HTML, MIME['.html']);
    if (path === '/favicon.ico') return send(204, '');
    if (path.startsWith('/bundle/')) {
      const file = bundle.get(path.slice('/bundle/'.length));
      return file ? send(200, file.contents, MIME[extname(path)]) : send(404, 'not found');
    }
    if (path.startsWith('/test/fixtures/')) {
      const file = resolve(FIXTURES_DIR, path.slice('/test/fixtures/'.length));
      if (!file.startsWith(FIXTURES_DIR + sep) || !(await stat(file).catch(() => null))?.isFile()) return send(404, 'not found');
      return send(200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
    }
    return send(404, 'not found');
  } catch (err) {
    return send(500, String(err));
  }
}

/**
 * Returns a function rewriting `origin/bundle/<chunk>:line:col` in stack
 * traces to `<source>.ts:line:col` using the bundle's source maps.
 */
function stackMapper(origin: string, bundle: Bundle): (text: string) => string {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (chunk: string): SourceMap | null => {
    if (!maps.has(chunk)) {
      const file = bundle.get(chunk + '.map');
      maps.set(chunk, file ? new SourceMap(JSON.parse(file.text) as SourceMapPayload) : null);
    }
    return maps.get(chunk)!;
  };
  const pattern = new RegExp(origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/bundle/([^\\s():]+):(\\d+):(\\d+)', 'g');
  return (text) =>
    text.replace(pattern, (whole, chunk: string, line: string, col: string) => {
      const entry = mapFor(chunk)?.findEntry(Number(line) - 1, Number(col) - 1);
      if (!entry || !('originalSource' in entry)) return whole;
      const { originalSource } = entry;
      if (/^[a-z-]+:/.test(originalSource)) return `${originalSource}:${entry.originalLine + 1}`; // virtual module
      // Sources are relative to the chunk's directory.
      const source = relative(ROOT, resolve(OUT_DIR, dirname(chunk), originalSource)).split(sep).join('/');
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
}

/**
 * Prints page console messages. uvu writes progress fragments (`• `, suite
 * headers) as separate console.log calls, meant as raw stdout writes; this
 * joins them back into lines so the output reads like the Node run.
 */
function consolePrinter(mapStacks: (text: string) => string) {
  let open = false; // the last text did not end with a newline
  let fragment = false; // ...and it was a uvu progress fragment
  const write = (text: string, isLine: boolean): void => {
    const plain = stripAnsi(text); // kleur wraps newlines in colour codes
    if (open && !(fragment && !isLine) && !plain.startsWith('\n')) out('\n');
    out(text);
    open = !plain.endsWith('\n');
    fragment = !isLine && (plain === '• ' || plain === '✘ ' || /^ .* {2}$/.test(plain));
  };
  const print = (msg: ConsoleMessage): void => {
    const type = msg.type();
    const text = mapStacks(msg.text());
    if (type === 'log' || type === 'info' || type === 'debug') write(text, false);
    else if (text.startsWith('Failed to load resource')) {
      // A missing fixture already fails loudly through loadFixture(); elsewhere say which URL.
      const url = msg.location().url;
      if (!new URL(url).pathname.startsWith('/test/fixtures/')) write(`[console.${type}] ${text}: ${url}`, true);
    }
    else write(`[console.${type}] ${text}`, true);
  };
  print.line = (text: string): void => write(text, true);
  print.end = (): void => {
    if (open) out('\n');
    open = false;
  };
  return print;
}

/** Compares the page's parity hashes with the Node-side `parityHashes()`. */
async function checkParity(browserHashes: unknown): Promise<void> {
  const record = (ok: boolean, message: string): void => {
    if (ok) result.parity.passed += 1;
    else {
      result.parity.failed += 1;
      result.failures.push(`parity: ${message}`);
    }
    out(`  ${ok ? '•' : '✘ FAIL'} parity ${message}\n`);
  };
  out('\nparity (browser vs node)\n');
  let nodeHashes: Record<string, string>;
  try {
    if (typeof browserHashes !== 'object' || browserHashes === null) throw new Error(`__DIFFTAPE_PARITY__ is not an object: ${String(browserHashes)}`);
    const mod = (await import(pathToFileURL(PARITY_MODULE).href)) as { parityHashes: () => Promise<Record<string, string>> };
    nodeHashes = await mod.parityHashes();
  } catch (err) {
    record(false, `could not be computed: ${err instanceof Error ? err.stack : String(err)}`);
    return tallyParity();
  }
  const browser = browserHashes as Record<string, unknown>;
  const names = [...new Set([...Object.keys(browser), ...Object.keys(nodeHashes)])].sort();
  for (const name of names) {
    const b = browser[name];
    const n = nodeHashes[name];
    if (b === undefined) record(false, `${name}: missing in the browser (node ${n})`);
    else if (n === undefined) record(false, `${name}: missing in node (browser ${String(b)})`);
    else if (b !== n) record(false, `${name}: browser ${String(b)} != node ${n}`);
    else record(true, `${name}: ${n}`);
  }
  tallyParity();
}

function tallyParity(): void {
  result.passed += result.parity.passed;
  result.failed += result.parity.failed;
  out(`  parity: ${result.parity.passed} passed, ${result.parity.failed} failed\n`);
}

// Run last: the constants above must be initialised before main() uses them.
try {
  await main();
} catch (err) {
  // Crash of the harness itself (bundle error, browser failed to launch, timeout...).
  result.error = err instanceof Error ? err.message : String(err);
  result.failed += 1;
  console.error(`browser: ${result.error}`);
}
result.durationMs = Math.round(performance.now() - started);
await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, JSON.stringify(result, null, 2) + '\n');
console.log(`browser: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped in ${result.files} files (${seconds(result.durationMs)})`);
process.exitCode = result.failed > 0 || result.error ? 1 : 0;
