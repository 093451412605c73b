/**
 * Node test runner: runs every `test/**\/*.test.ts` (browser-and-Node files
 * and `*.node.test.ts` alike) through uvu in one process, in sorted order.
 *
 *   tsx scripts/run-node-tests.ts [--out <file>] [filter ...]
 *
 * `filter`s are substrings of the path relative to `test/`. Results are
 * written as JSON `{passed, failed, skipped, files, durationMs, failures}` to
 * `--out`, else `$DIFFTAPE_NODE_RESULTS`, else `.cache/node-results.json`.
 * Exit code: 0 when nothing failed, 1 otherwise.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { findTestFiles, ROOT, seconds } from './lib/test-files.js';
import { runUvu } from './lib/uvu-harness.js';

const { values, positionals } = parseArgs({
  options: { out: { type: 'string' } },
  allowPositionals: true,
});
const outFile = resolve(ROOT, values.out ?? process.env['DIFFTAPE_NODE_RESULTS'] ?? '.cache/node-results.json');

// Like page errors in the browser runner: an error escaping a test (e.g. a
// floating promise rejection) is reported and counted, not fatal.
let uncaught = 0;
const onUncaught = (err: unknown): void => {
  uncaught += 1;
  console.log(`\nuncaught error (counted as a failed test): ${err instanceof Error ? err.stack : String(err)}`);
};
process.on('uncaughtException', onUncaught);
process.on('unhandledRejection', onUncaught);

const started = performance.now();
const files = await findTestFiles(positionals);
if (files.length === 0) console.log(`node: no test files${positionals.length ? ` match ${positionals.join(', ')}` : ''}`);

const result = await runUvu(
  files.map((f) => ({ name: f.name, load: () => import(pathToFileURL(f.path).href) })),
  console.log, // warnings in order with uvu's output
);
await new Promise((ok) => setTimeout(ok, 0)); // let late rejections surface
result.failed += uncaught;
const durationMs = Math.round(performance.now() - started);

await mkdir(dirname(outFile), { recursive: true });
await writeFile(outFile, JSON.stringify({ ...result, durationMs }, null, 2) + '\n');
console.log(`node: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped in ${files.length} files (${seconds(durationMs)})`);
process.exitCode = result.failed > 0 ? 1 : 0;

// Don't let a handle leaked by a test (timer, socket) hang the run.
setTimeout(() => {
  console.error('node: warning: open handles kept the process alive after the tests; exiting');
  process.exit();
}, 2000).unref();
