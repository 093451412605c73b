/**
 * `npm test`: type check, Node suite under c8 coverage, browser suite.
 *
 *   tsx scripts/test.ts [--node-only | --browser-only] [filter ...]
 *
 * Each phase streams its output; the type check counts as one test. At the
 * end it prints a per-phase summary, the line coverage of `src/**` (minus
 * `src/cli/**` and files with no runtime code), and finally exactly one line
 * `N passed, N failed`. Exits non-zero if anything failed or a phase crashed
 * (a crash counts as one failed test).
 *
 * Coverage is report-only unless `DIFFTAPE_COVERAGE_MIN` is set: then lines
 * below that percentage (a number; 90 if the value is not one) fail, counting
 * as one more test. The gate is skipped when a filter is given. Reports go to
 * `coverage/` (lcov, json-summary).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { transform } from 'esbuild';
import { ROOT, seconds } from './lib/test-files.js';

const { values, positionals: filters } = parseArgs({
  options: { 'node-only': { type: 'boolean' }, 'browser-only': { type: 'boolean' } },
  allowPositionals: true,
});
const runNode = !values['browser-only'];
const runBrowser = !values['node-only'];

const BIN = join(ROOT, 'node_modules', '.bin');
const CACHE = join(ROOT, '.cache');
const COVERAGE_DIR = join(ROOT, 'coverage');

interface Phase {
  name: string;
  passed: number;
  failed: number;
  ms: number;
  note?: string;
}
const phases: Phase[] = [];

/** Runs a command with inherited stdio; resolves to its exit code (signals count as 1). */
function exec(cmd: string, args: readonly string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (err) => {
      console.error(`failed to start ${cmd}: ${err.message}`);
      done(127);
    });
    child.on('close', (code) => done(code ?? 1));
  });
}

function banner(title: string): void {
  console.log(`\n━━ ${title} ${'━'.repeat(Math.max(0, 60 - title.length))}`);
}

/**
 * Runs a suite runner that writes `{passed, failed}` JSON to `resultFile`.
 * A missing/invalid file, or a non-zero exit with nothing failed, is a crash.
 */
async function suite(name: string, cmd: string, args: readonly string[], resultFile: string): Promise<void> {
  banner(name);
  await rm(resultFile, { force: true });
  const t0 = performance.now();
  const code = await exec(cmd, args);
  const ms = performance.now() - t0;
  let counts: { passed: number; failed: number } | undefined;
  try {
    const json = JSON.parse(await readFile(resultFile, 'utf8')) as { passed?: unknown; failed?: unknown };
    if (typeof json.passed === 'number' && typeof json.failed === 'number') counts = { passed: json.passed, failed: json.failed };
  } catch {
    // handled below
  }
  if (!counts) {
    phases.push({ name, passed: 0, failed: 1, ms, note: `crashed (exit code ${code}, no results)` });
  } else if (code !== 0 && counts.failed === 0) {
    phases.push({ name, ...counts, failed: 1, ms, note: `crashed (exit code ${code})` });
  } else {
    phases.push({ name, ...counts, ms });
  }
}

/** `src/**\/*.ts` files that compile to nothing (types only): no executable lines to cover. */
async function typeOnlySources(): Promise<string[]> {
  const srcDir = join(ROOT, 'src');
  if (!existsSync(srcDir)) return [];
  const files = (await readdir(srcDir, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const empty: string[] = [];
  for (const file of files) {
    const path = join(srcDir, file);
    try {
      const { code } = await transform(await readFile(path, 'utf8'), { loader: 'ts', format: 'esm', minify: true, legalComments: 'none' });
      if (code.trim() === '') empty.push(relative(ROOT, path).split(sep).join('/'));
    } catch {
      // a syntax error is the type check's business; keep the file in the report
    }
  }
  return empty.sort();
}

/** Line coverage from c8's json-summary, or undefined when there is none. */
async function lineCoverage(): Promise<{ pct: number; covered: number; total: number } | undefined> {
  try {
    const summary = JSON.parse(await readFile(join(COVERAGE_DIR, 'coverage-summary.json'), 'utf8')) as {
      total: { lines: { pct: number | string; covered: number; total: number } };
    };
    const { pct, covered, total } = summary.total.lines;
    return typeof pct === 'number' && total > 0 ? { pct, covered, total } : undefined;
  } catch {
    return undefined;
  }
}

// ── type check ──────────────────────────────────────────────────────────────
banner('type check (tsc --noEmit -p tsconfig.json)');
{
  const t0 = performance.now();
  const code = await exec(join(BIN, 'tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  if (code === 0) console.log('type check: ok');
  phases.push({ name: 'type check', passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, ms: performance.now() - t0 });
}

// ── Node suite under coverage ───────────────────────────────────────────────
let coverage: Awaited<ReturnType<typeof lineCoverage>>;
if (runNode) {
  await mkdir(CACHE, { recursive: true });
  await rm(join(COVERAGE_DIR, 'coverage-summary.json'), { force: true });
  const c8rc = join(CACHE, 'c8rc.json');
  await writeFile(
    c8rc,
    JSON.stringify(
      {
        all: true, // files no test loads count as uncovered
        src: ['src'],
        include: ['src/**/*.ts'],
        exclude: ['src/cli/**', '**/*.d.ts', ...(await typeOnlySources())],
        reporter: ['text-summary', 'lcov', 'json-summary'],
        'report-dir': 'coverage',
        'temp-directory': '.cache/c8-tmp',
      },
      null,
      2,
    ),
  );
  const resultFile = join(CACHE, 'node-results.json');
  await suite('node', join(BIN, 'c8'), ['--config', c8rc, join(BIN, 'tsx'), 'scripts/run-node-tests.ts', '--out', resultFile, ...filters], resultFile);
  coverage = await lineCoverage();
}

// ── browser suite ───────────────────────────────────────────────────────────
if (runBrowser) {
  const resultFile = join(CACHE, 'browser-results.json');
  await suite('browser', join(BIN, 'tsx'), ['scripts/run-browser-tests.ts', '--out', resultFile, ...filters], resultFile);
}

// ── summary ─────────────────────────────────────────────────────────────────
banner('summary');
for (const p of phases) {
  console.log(`  ${p.name.padEnd(11)} ${`${p.passed} passed, ${p.failed} failed`.padEnd(24)} ${seconds(p.ms).padStart(8)}${p.note ? `  ${p.note}` : ''}`);
}
if (runNode) {
  const min = process.env['DIFFTAPE_COVERAGE_MIN'];
  const pct = coverage ? `${coverage.pct.toFixed(2)}% (${coverage.covered}/${coverage.total})` : 'n/a';
  let gate = '';
  if (min !== undefined && filters.length === 0) {
    const threshold = Number.isFinite(Number.parseFloat(min)) ? Number.parseFloat(min) : 90;
    const ok = coverage !== undefined && coverage.pct >= threshold;
    phases.push({ name: 'coverage', passed: ok ? 1 : 0, failed: ok ? 0 : 1, ms: 0 });
    gate = ok ? `  (minimum ${threshold}%: ok)` : `  (minimum ${threshold}%: FAILED)`;
  } else if (min !== undefined) {
    gate = '  (minimum not checked: filtered run)';
  }
  console.log(`  coverage    lines ${pct}${gate}`);
}
if (filters.length > 0 && phases.every((p) => p.name === 'type check' || p.passed + p.failed === 0)) {
  console.log(`  no tests match ${filters.join(', ')} (counted as a failure)`);
  phases.push({ name: 'filter', passed: 0, failed: 1, ms: 0 });
}
const passed = phases.reduce((n, p) => n + p.passed, 0);
const failed = phases.reduce((n, p) => n + p.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
