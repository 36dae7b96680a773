import * as vscode from 'vscode';
import { parseAmount } from '../../core/slots/inline';
import { annotationChange } from '../annotations';
import { CONFIG_FILE } from '../configFile';
import { folderFor } from '../paths';
import { SECTION } from '../settings';
import type { PickItem } from '../ui/prompter';
import type { CommandContext, PromptTarget } from './context';

/** Where a model or traffic choice is written. */
export type Where = 'inline' | 'file' | 'settings';

export type PromptKey = 'model' | 'requests/day';

const SETTING_OF: Readonly<Record<PromptKey, 'model' | 'requestsPerDay'>> = { model: 'model', 'requests/day': 'requestsPerDay' };

/** Validates a traffic value as typed: `30000`, `30k`, `1.5M`, `1,500`. */
export function validateTraffic(v: string): string | undefined {
  const n = parseAmount(v);
  return n === undefined ? 'A number of requests per day ≥ 0, e.g. 30000, 30k or 1.5M' : undefined;
}

/** Asks where to write a choice for one prompt: its inline annotation, or a `.promptcost.json` override for its file. */
export async function pickWhere(ctx: CommandContext, t: PromptTarget, key: PromptKey, value: string, withSettings: boolean): Promise<Where | undefined> {
  const items: PickItem<Where>[] = [];
  const inline = annotationChange(t.analysis.text, t.prompt.prompt, t.prompt.inline, t.doc.languageId, key, value);
  if (inline) {
    items.push({ label: '$(comment) Inline annotation', description: `prompt-cost: ${key}=${value}`, detail: `Writes a comment next to this prompt in ${t.analysis.path} (it wins over everything else)`, value: 'inline' });
  }
  items.push({ label: `$(json) ${CONFIG_FILE}`, description: `overrides: { "glob": "${t.analysis.path}" }`, detail: `An override for every prompt of ${t.analysis.path}, in the workspace file the team shares`, value: 'file' });
  if (withSettings) items.push({ label: '$(settings-gear) Settings', description: `${SECTION}.${SETTING_OF[key]}`, detail: 'Every prompt without its own value', value: 'settings' });
  return ctx.ui.pick({ title: `Where should ${key}=${value} be written?`, placeholder: 'Inline annotation or workspace file', items, active: inline ? 'inline' : 'file' });
}

/** Writes `key=value` for one prompt where chosen; returns a sentence saying what was done. */
export async function applyToPrompt(ctx: CommandContext, t: PromptTarget, key: PromptKey, value: string, where: Where): Promise<string> {
  if (where === 'settings') return applyToSettings(ctx, SETTING_OF[key], key === 'model' ? value : parseAmount(value) ?? 0, t.doc.uri);
  if (where === 'inline') {
    const change = annotationChange(t.analysis.text, t.prompt.prompt, t.prompt.inline, t.doc.languageId, key, value);
    if (!change) return `The annotation already says ${key}=${value}`;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(t.doc.uri, new vscode.Range(t.doc.positionAt(change.start), t.doc.positionAt(change.end)), change.text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${t.analysis.path}`);
    return `Wrote prompt-cost: ${key}=${value} next to the prompt in ${t.analysis.path}`;
  }
  const folder = folderFor(t.doc.uri);
  if (!folder) throw new Error(`${CONFIG_FILE} needs a workspace folder`);
  const setting = SETTING_OF[key];
  await ctx.settings.files.update(folder, (raw) => {
    const list = Array.isArray(raw.overrides) ? (raw.overrides as Record<string, unknown>[]) : [];
    let entry = list.find((o) => o && typeof o === 'object' && o.glob === t.analysis.path);
    if (!entry) list.push((entry = { glob: t.analysis.path }));
    entry[setting] = key === 'model' ? value : parseAmount(value) ?? 0;
    raw.overrides = list;
  });
  return `Set ${setting} to ${value} for ${t.analysis.path} in ${CONFIG_FILE}`;
}

/**
 * Writes a setting for every prompt: into `.promptcost.json` when that file already sets the key (it wins over the
 * settings, so writing the setting would change nothing), else the workspace setting (user setting without a folder).
 */
export async function applyToSettings(ctx: CommandContext, setting: 'model' | 'requestsPerDay', value: string | number, scope?: vscode.Uri): Promise<string> {
  const folder = folderFor(scope);
  if (folder && ctx.settings.fileSets(setting, folder.uri)) {
    await ctx.settings.files.update(folder, (raw) => {
      raw[setting] = value;
    });
    return `Set "${setting}" to ${value} in ${CONFIG_FILE} (it overrides the settings)`;
  }
  const target = folder ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update(setting, value, target);
  return `Set ${SECTION}.${setting} to ${value} (${folder ? 'workspace' : 'user'} settings)`;
}
