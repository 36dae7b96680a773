import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderSarif } from '../../src/core/audit/render';
import { fileUriOfDir, messageText, relativeUri, sarifLevel } from '../../src/core/audit/render/sarif';
import { emptyReport, sample } from './render.helpers';

type O = Record<string, unknown>;
const isObj = (v: unknown): v is O => typeof v === 'object' && v !== null && !Array.isArray(v);
const absoluteUri = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const LEVELS = ['none', 'note', 'warning', 'error'];

/**
 * A hand-written check of what SARIF 2.1.0 requires (and what GitHub code scanning reads): the sarifLog, run,
 * toolComponent, reportingDescriptor, result, location, artifactLocation and region rules of the spec. Returns the
 * problems found, each with a JSON path.
 */
function validateSarif(log: unknown): string[] {
  const errs: string[] = [];
  const need = (cond: unknown, path: string, msg: string) => { if (!cond) errs.push(`${path}: ${msg}`); };
  const message = (m: unknown, path: string) => need(isObj(m) && (typeof m.text === 'string' || typeof m.id === 'string'), path, 'message needs text or id');
  need(isObj(log), '$', 'not an object');
  if (!isObj(log)) return errs;
  need(log.version === '2.1.0', '$.version', 'must be "2.1.0"');
  need(log.$schema === undefined || (typeof log.$schema === 'string' && absoluteUri.test(log.$schema)), '$.$schema', 'absolute URI');
  need(Array.isArray(log.runs), '$.runs', 'required array');
  (Array.isArray(log.runs) ? log.runs : []).forEach((run: unknown, ri) => {
    const rp = `$.runs[${ri}]`;
    if (!isObj(run)) return void errs.push(`${rp}: not an object`);
    const driver = isObj(run.tool) ? run.tool.driver : undefined;
    need(isObj(driver), `${rp}.tool.driver`, 'required');
    if (!isObj(driver)) return;
    need(typeof driver.name === 'string' && driver.name.length > 0, `${rp}.tool.driver.name`, 'required string');
    need(driver.informationUri === undefined || (typeof driver.informationUri === 'string' && absoluteUri.test(driver.informationUri)), `${rp}.tool.driver.informationUri`, 'absolute URI');
    const rules = Array.isArray(driver.rules) ? (driver.rules as unknown[]) : [];
    need(driver.rules === undefined || Array.isArray(driver.rules), `${rp}.tool.driver.rules`, 'array');
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const p = `${rp}.tool.driver.rules[${i}]`;
      if (!isObj(rule)) return void errs.push(`${p}: not an object`);
      need(typeof rule.id === 'string' && rule.id.length > 0, `${p}.id`, 'required string');
      need(!ids.has(rule.id as string), `${p}.id`, 'unique');
      ids.add(rule.id as string);
      for (const k of ['shortDescription', 'fullDescription', 'help']) if (rule[k] !== undefined) message(rule[k], `${p}.${k}`);
      need(rule.helpUri === undefined || typeof rule.helpUri === 'string', `${p}.helpUri`, 'string');
      const dc = rule.defaultConfiguration;
      need(dc === undefined || (isObj(dc) && (dc.level === undefined || LEVELS.includes(dc.level as string))), `${p}.defaultConfiguration.level`, 'level enum');
    });
    const bases = isObj(run.originalUriBaseIds) ? run.originalUriBaseIds : {};
    for (const [k, v] of Object.entries(bases)) {
      need(isObj(v), `${rp}.originalUriBaseIds.${k}`, 'artifactLocation object');
      if (isObj(v) && typeof v.uri === 'string') need(absoluteUri.test(v.uri) && v.uri.endsWith('/'), `${rp}.originalUriBaseIds.${k}.uri`, 'absolute, ends with /');
    }
    need(run.results === undefined || Array.isArray(run.results), `${rp}.results`, 'array');
    (Array.isArray(run.results) ? run.results : []).forEach((res: unknown, i) => {
      const p = `${rp}.results[${i}]`;
      if (!isObj(res)) return void errs.push(`${p}: not an object`);
      message(res.message, `${p}.message`);
      need(typeof res.ruleId === 'string' || Number.isInteger(res.ruleIndex), p, 'ruleId or ruleIndex');
      if (Number.isInteger(res.ruleIndex)) {
        const rule = rules[res.ruleIndex as number];
        need(isObj(rule) && (res.ruleId === undefined || rule.id === res.ruleId), `${p}.ruleIndex`, 'points at the rule of ruleId');
      }
      need(res.level === undefined || LEVELS.includes(res.level as string), `${p}.level`, 'level enum');
      need(res.properties === undefined || isObj(res.properties), `${p}.properties`, 'property bag');
      (Array.isArray(res.locations) ? res.locations : []).forEach((loc: unknown, li) => {
        const lp = `${p}.locations[${li}].physicalLocation`;
        const pl = isObj(loc) ? loc.physicalLocation : undefined;
        need(isObj(pl), lp, 'required here');
        if (!isObj(pl)) return;
        const al = pl.artifactLocation;
        need(isObj(al) && typeof al.uri === 'string', `${lp}.artifactLocation.uri`, 'required string');
        if (isObj(al) && typeof al.uri === 'string') {
          need(!/[\s\\]/.test(al.uri), `${lp}.artifactLocation.uri`, 'a valid URI reference (no spaces, no backslashes)');
          if (al.uriBaseId !== undefined) need(typeof al.uriBaseId === 'string' && al.uriBaseId in bases, `${lp}.artifactLocation.uriBaseId`, 'declared in originalUriBaseIds');
          if (al.uriBaseId !== undefined) need(!absoluteUri.test(al.uri), `${lp}.artifactLocation.uri`, 'relative when uriBaseId is set');
        }
        const rg = pl.region;
        if (rg !== undefined) {
          need(isObj(rg), `${lp}.region`, 'object');
          if (!isObj(rg)) return;
          need(Number.isInteger(rg.startLine) && (rg.startLine as number) >= 1, `${lp}.region.startLine`, 'integer >= 1');
          need(rg.endLine === undefined || (Number.isInteger(rg.endLine) && (rg.endLine as number) >= (rg.startLine as number)), `${lp}.region.endLine`, 'integer >= startLine');
        }
      });
    });
  });
  return errs;
}

test('sarif: the sample passes the 2.1.0 structure check', () => {
  const log = JSON.parse(renderSarif(sample()));
  assert.deepEqual(validateSarif(log), []);
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs.length, 1);
});

test('sarif: the validator catches broken logs', () => {
  const log = JSON.parse(renderSarif(sample()));
  const run = log.runs[0];
  run.results[0].level = 'info';
  run.results[1].locations[0].physicalLocation.region.startLine = 0;
  run.results[2].locations[0].physicalLocation.artifactLocation.uriBaseId = 'NOPE';
  run.results[3].ruleIndex = 0;
  delete run.results[4].message.text;
  delete run.tool.driver.name;
  const errs = validateSarif(log).join('\n');
  for (const m of ['level enum', 'integer >= 1', 'declared in originalUriBaseIds', 'points at the rule of ruleId', 'message needs text or id', 'driver.name']) assert.ok(errs.includes(m), `${m} not caught:\n${errs}`);
});

test('sarif: driver and rules: name, version, informationUri, relative helpUri, default levels', () => {
  const driver = JSON.parse(renderSarif(sample())).runs[0].tool.driver;
  assert.equal(driver.name, 'Prompt Cost Lens');
  assert.equal(driver.version, '0.1.0');
  assert.match(driver.informationUri, /^https:\/\//);
  const byId = Object.fromEntries(driver.rules.map((r: O) => [r.id, r]));
  for (const id of ['few-shot-bloat', 'whitespace-waste', 'duplicate-boilerplate', 'unbounded-variable', 'verbose-filler', 'pretty-json', 'cache-unfriendly-order', 'over-budget']) {
    assert.ok(byId[id], id);
    assert.equal(byId[id].helpUri, `docs/rules/${id}.md`);
    assert.ok(byId[id].shortDescription.text.length > 10);
  }
  assert.equal(byId['few-shot-bloat'].defaultConfiguration.level, 'warning');
  assert.equal(byId['verbose-filler'].defaultConfiguration.level, 'note');
  assert.equal(byId['whitespace-waste'].defaultConfiguration.level, 'note');
  const abs = JSON.parse(renderSarif(sample(), { helpUriBase: 'https://github.com/o/r/blob/main' })).runs[0].tool.driver.rules;
  assert.equal(abs.find((x: O) => x.id === 'pretty-json').helpUri, 'https://github.com/o/r/blob/main/docs/rules/pretty-json.md');
});

test('sarif: results carry rule, mapped level, savings in the message, location and properties', () => {
  const r = sample();
  r.prompts[9]!.findings[0] = { ...r.prompts[9]!.findings[0]!, severity: 'error' };
  const results = JSON.parse(renderSarif(r)).runs[0].results;
  assert.equal(results.length, 14);
  const first = results[0];
  assert.equal(first.ruleId, 'unbounded-variable');
  assert.equal(first.level, 'warning');
  assert.match(first.message.text, /^\{chunk\} is retrieved context .* \(saves 2,000 tokens per request, \$750\/month; prompt "map_prompt"\)$/);
  assert.deepEqual(first.locations[0].physicalLocation, { artifactLocation: { uri: 'src/agents/summarize.py', uriBaseId: 'SRCROOT' }, region: { startLine: 52, endLine: 52 } });
  assert.equal(first.properties.savingsTokens, 2000);
  assert.equal(first.properties.savingsMonthlyUSD, 750);
  const levels = Object.fromEntries(results.map((x: O) => [x.ruleId, x.level]));
  assert.equal(levels['over-budget'], 'error');
  assert.equal(levels['verbose-filler'], 'note');
  assert.equal(levels['pretty-json'], 'note');
  assert.equal(levels['few-shot-bloat'], 'warning');
  // a message that already states its savings does not repeat them
  assert.equal(messageText('Cap it — saves ~600 tokens/request ($2.70/month).', 600, 2.7, 'rag'), 'Cap it — saves ~600 tokens/request ($2.70/month). (prompt "rag")');
  assert.deepEqual([sarifLevel('error'), sarifLevel('warning'), sarifLevel('info'), sarifLevel('hint')], ['error', 'warning', 'note', 'note']);
});

test('sarif: SRCROOT is the audited folder as a file URI; paths become URI references', () => {
  const log = JSON.parse(renderSarif(sample()));
  assert.equal(log.runs[0].originalUriBaseIds.SRCROOT.uri, 'file:///home/dev/acme-support-bot/');
  assert.equal(fileUriOfDir('C:\\work\\my repo'), 'file:///C:/work/my%20repo/');
  assert.equal(fileUriOfDir('relative/dir'), undefined);
  assert.equal(relativeUri('docs/my prompts/#1 ünï.md'), 'docs/my%20prompts/%231%20%C3%BCn%C3%AF.md');
  const r = sample();
  r.root = '.';
  r.prompts[0]!.file = 'prompts/a b.prompty';
  const rel = JSON.parse(renderSarif(r)).runs[0];
  assert.deepEqual(validateSarif({ version: '2.1.0', runs: [rel] }), []);
  assert.equal(rel.originalUriBaseIds.SRCROOT.uri, undefined);
  assert.ok(rel.results.some((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'prompts/a%20b.prompty'));
});

test('sarif: an unknown rule id gets its own descriptor; bad lines are clamped to a valid region', () => {
  const r = sample();
  r.prompts[5]!.findings = [{ rule: 'future-rule', severity: 'info', message: 'm', startLine: 0, endLine: -3, savingsTokens: 1, savingsMonthlyUSD: 0.01 }];
  const log = JSON.parse(renderSarif(r));
  assert.deepEqual(validateSarif(log), []);
  const rules = log.runs[0].tool.driver.rules;
  const res = log.runs[0].results.find((x: O) => x.ruleId === 'future-rule');
  assert.equal(rules[res.ruleIndex].id, 'future-rule');
  assert.deepEqual(res.locations[0].physicalLocation.region, { startLine: 1, endLine: 1 });
});

test('sarif: the empty report is a valid log with no results', () => {
  const log = JSON.parse(renderSarif(emptyReport()));
  assert.deepEqual(validateSarif(log), []);
  assert.deepEqual(log.runs[0].results, []);
});
