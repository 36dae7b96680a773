import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { configurationContribution, configFileJsonSchema } from '../../src/core/config/contributes';
import { formatProblem, parseConfigFile, parseSettings } from '../../src/core/config/parse';
import { DEFAULT_SETTINGS } from '../../src/core/config/schema';

test('defaults', () => {
  assert.equal(DEFAULT_SETTINGS.model, 'gpt-4o-mini');
  assert.equal(DEFAULT_SETTINGS.requestsPerDay, 1000);
  assert.equal(DEFAULT_SETTINGS.daysPerMonth, 30);
  assert.equal(DEFAULT_SETTINGS.overheads.retryPct, 15);
});

test('a bad value names the key, says what was expected and defaults only that key', () => {
  const r = parseSettings({ model: 5, requestsPerDay: -3, outputTokens: 200, overheads: { retryPct: 'x', evalPct: 20 }, nope: true });
  assert.equal(r.settings.model, 'gpt-4o-mini');
  assert.equal(r.settings.requestsPerDay, 1000);
  assert.equal(r.settings.outputTokens, 200);
  assert.equal(r.settings.overheads.retryPct, 15);
  assert.equal(r.settings.overheads.evalPct, 20);
  const keys = r.problems.map((p) => p.key);
  assert.deepEqual(keys, ['model', 'requestsPerDay', 'overheads.retryPct', 'nope']);
  assert.match(formatProblem(r.problems[0]), /settings: "model": .*expected string.*using the default \("gpt-4o-mini"\)/);
  assert.match(r.problems[1].message, />=0/);
  assert.match(r.problems[3].message, /unknown setting/);
});

test('never throws on any input', () => {
  for (const raw of [null, undefined, 42, 'x', [], [1], { overrides: 'x' }, { customModels: { a: { input: -1 } } }, { overheads: [] }, { forecast: null }]) {
    const r = parseSettings(raw);
    assert.ok(r.settings.model);
  }
  assert.equal(parseSettings([]).problems[0].key, '(root)');
});

test('.promptcost.json: JSON errors carry file, line and column; BOM and empty file are fine', () => {
  const r = parseConfigFile('{\n  "model": "gpt-4o",\n}', 'ws/.promptcost.json');
  assert.equal(r.problems.length, 1);
  assert.match(formatProblem(r.problems[0]), /ws\/\.promptcost\.json: "\(file\)": not valid JSON at line 3, column 1/);
  assert.equal(r.settings.model, 'gpt-4o-mini');
  assert.equal(parseConfigFile('\uFEFF{"model":"gpt-4o"}').settings.model, 'gpt-4o');
  assert.equal(parseConfigFile('   ').problems.length, 0);
  const full = parseConfigFile(JSON.stringify({
    $schema: './media/promptcost.schema.json', model: 'claude-haiku-4-5', requestsPerDay: 30000,
    overrides: [{ glob: 'prompts/**', model: 'gpt-4o', variables: { history: 2000 } }],
    customModels: { 'acme-llm': { input: 0.5, output: 1.5 } }, include: ['**/*.tmpl'],
  }));
  assert.deepEqual(full.problems, []);
  assert.equal(full.settings.overrides[0].variables!.history, 2000);
});

test('contributes.configuration in package.json is generated from the schema (no drift)', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.deepEqual(pkg.contributes.configuration, configurationContribution());
  const props = pkg.contributes.configuration.properties;
  for (const [k, v] of Object.entries<Record<string, unknown>>(props)) {
    assert.match(k, /^promptCostLens\./);
    assert.ok(typeof v.description === 'string' && v.description.length > 10, `${k} has a description`);
    assert.ok('default' in v, `${k} has a default`);
  }
  assert.deepEqual(JSON.parse(readFileSync('media/promptcost.schema.json', 'utf8')), configFileJsonSchema());
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-config.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
