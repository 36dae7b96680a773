import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const check = (dir?: string) => spawnSync(process.execPath, ['scripts/check-core-purity.mjs', ...(dir ? [dir] : [])], { encoding: 'utf8' });

test('src/core is pure today', () => {
  const r = check();
  assert.equal(r.status, 0, r.stderr);
});

test('the purity check fails on vscode, node:* and host globals, and not on prose in comments', () => {
  for (const [code, bad] of [
    ["import * as vscode from 'vscode';", true],
    ["import { readFileSync } from 'node:fs';", true],
    ["import * as path from 'path';", true],
    ['const w = window.innerWidth;', true],
    ['const e = process.env.HOME;', true],
    ['/** Offsets in the document. Returns the window (a range). */\nexport const x = 1;', false],
    ["import { z } from 'zod';", false],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'pcl-purity-'));
    writeFileSync(join(dir, 'x.ts'), code + '\n');
    assert.equal(check(dir).status, bad ? 1 : 0, code);
  }
});
