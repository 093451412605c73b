/**
 * Source checks for src/dmath: only IEEE-exact Math functions are called, every decimal
 * constant matches the hexadecimal words its comment gives, and every export has TSDoc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const DIR = fileURLToPath(new URL('../../src/dmath/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));
const source = (f: string): string => readFileSync(join(DIR, f), 'utf8');

/** The source with comments and string literals blanked out. */
function codeOnly(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, "''");
}

// Correctly rounded (or exact) in IEEE 754, hence identical on every engine.
const ALLOWED = new Set(['sqrt', 'abs', 'floor', 'ceil', 'trunc', 'round', 'fround']);

test('src/dmath calls no platform transcendental', () => {
  assert.ok(files.length >= 5, `found ${files.length} files`);
  for (const f of files) {
    const code = codeOnly(source(f));
    for (const m of code.matchAll(/\bMath\s*(\.\s*(\w+)|\[)/g)) {
      assert.ok(m[2] !== undefined && ALLOWED.has(m[2]), `${f}: uses Math${m[1]}`);
    }
    assert.not.match(code, /\*\*/, `${f}: uses the ** operator`);
    assert.not.match(code, /\bMath\s*[,;)]|=\s*Math\b(?!\s*\.)/, `${f}: aliases Math`);
    assert.not.match(code, /\b(globalThis|window|self|eval|Function)\b/, `${f}: reaches the global object`);
  }
});

test('decimal constants equal the hexadecimal words in their comments', () => {
  const dv = new DataView(new ArrayBuffer(8));
  // "1.66e-01, /* 0x3FC55555, 0x5555553E */" and "6.6e-01; /* 3FE55555 55555593 */"
  const re = /(-?\d[\d.]*(?:e[+-]?\d+)?)\s*[;,]?\s*\/\*\s*(?:0x)?([0-9a-fA-F]{8}),?\s+(?:0x)?([0-9a-fA-F]{8})/g;
  let checked = 0;
  for (const f of files) {
    for (const m of source(f).matchAll(re)) {
      dv.setFloat64(0, Number(m[1]));
      const hex = (i: number) => dv.getUint32(i).toString(16).padStart(8, '0');
      assert.is(`${hex(0)} ${hex(4)}`, `${m[2]} ${m[3]}`.toLowerCase(), `${f}: ${m[0]}`);
      checked++;
    }
  }
  assert.ok(checked > 150, `only ${checked} constants found`);
});

test('every exported function has a TSDoc comment', () => {
  for (const f of files) {
    const text = source(f);
    for (const m of text.matchAll(/^export function (\w+)/gm)) {
      const before = text.slice(0, m.index).trimEnd();
      assert.ok(before.endsWith('*/') && before.lastIndexOf('/**') > before.lastIndexOf('}'), `${f}: ${m[1]} has no TSDoc`);
    }
  }
});

test.run();
