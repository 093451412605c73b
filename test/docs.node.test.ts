/**
 * The guides point into the source by line (`[name](../src/file.ts#L42)`); this test keeps
 * them truthful: the line must exist and contain the backticked name of the link.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const DOCS = resolve('docs');
const LINK = /\[([^\]]*)\]\((\.\.\/[^)#]+)(?:#L(\d+))?\)/g;

test('every source link in docs/ points at an existing file and a line that has its name', () => {
  const problems: string[] = [];
  let checked = 0;
  for (const name of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(DOCS, name), 'utf8');
    for (const [, label, target, line] of text.matchAll(LINK)) {
      const file = resolve(DOCS, target!);
      if (!existsSync(file)) {
        problems.push(`${name}: ${target} does not exist`);
        continue;
      }
      if (line === undefined) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      const code = /`([^`]+)`/.exec(label!)?.[1];
      const at = lines[Number(line) - 1];
      checked++;
      if (at === undefined) problems.push(`${name}: ${target}#L${line} is past the end`);
      else if (code !== undefined && !at.includes(code.replace(/\(.*$/, ''))) {
        problems.push(`${name}: ${target}#L${line} should contain '${code}' but is '${at.trim()}'`);
      }
    }
  }
  assert.equal(problems, []);
  assert.ok(checked > 10, `only ${checked} line links found`);
});

test.run();
