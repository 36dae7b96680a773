import * as vscode from 'vscode';
import { formatRate } from '../../core/format/numbers';
import { parseAmount } from '../../core/slots/inline';
import { SECTION } from '../settings';
import type { PickItem } from '../ui/prompter';
import { applyToPrompt, applyToSettings, pickWhere, validateTraffic } from './apply';
import { CommandId } from './commandIds';
import { promptLabel, promptTarget } from './context';
import type { CommandContext, PromptTarget } from './context';
import { pickModel } from './modelPicker';

/** What a model/traffic command did, for tests and for the panel. */
export interface ApplyResult {
  readonly message: string;
  readonly value: string;
}

async function done(message: string, value: string): Promise<ApplyResult> {
  void vscode.window.showInformationMessage(`Prompt Cost: ${message}`);
  return { message, value };
}

/** "Prompt Cost: Select Model" (also the status bar click): the model every prompt without its own is priced with. */
export async function selectModel(ctx: CommandContext): Promise<ApplyResult | undefined> {
  const scope = vscode.window.activeTextEditor?.document.uri;
  const settings = ctx.settings.read(scope);
  const model = await pickModel(ctx.ui, { title: 'Prompt Cost: model for every prompt', current: settings.model, custom: Object.keys(settings.customModels) });
  if (!model) return undefined;
  return done(await applyToSettings(ctx, 'model', model, scope), model);
}

/** Changes the model of one prompt (inline annotation or `.promptcost.json` override, as the user chooses). */
export async function changePromptModel(ctx: CommandContext, t: PromptTarget): Promise<ApplyResult | undefined> {
  const model = await pickModel(ctx.ui, { title: `Model for ${promptLabel(t)}`, current: t.prompt.modelId, custom: Object.keys(t.analysis.settings.customModels) });
  if (!model) return undefined;
  const where = await pickWhere(ctx, t, 'model', model, false);
  if (!where) return undefined;
  return done(await applyToPrompt(ctx, t, 'model', model, where), model);
}

async function askTraffic(ctx: CommandContext, title: string, current: number): Promise<string | undefined> {
  const v = await ctx.ui.input({ title, prompt: 'Requests per day (30000, 30k, 1.5M)', value: String(current), validate: validateTraffic });
  return v === undefined ? undefined : String(parseAmount(v));
}

/**
 * "Prompt Cost: Set Traffic". For a prompt (given, or at the cursor): its inline annotation, its file's override or
 * the setting, as the user chooses. Without one: the `requestsPerDay` setting.
 */
export async function setTraffic(ctx: CommandContext, ref?: unknown): Promise<ApplyResult | undefined> {
  const t = await promptTarget(ctx, ref);
  if (!t) {
    const scope = vscode.window.activeTextEditor?.document.uri;
    const value = await askTraffic(ctx, `Prompt Cost: requests per day for every prompt (${SECTION}.requestsPerDay)`, ctx.settings.read(scope).requestsPerDay);
    if (value === undefined) return undefined;
    return done(await applyToSettings(ctx, 'requestsPerDay', Number(value), scope), value);
  }
  const value = await askTraffic(ctx, `Requests per day for ${promptLabel(t)} (now ${formatRate(t.prompt.requestsPerDay)}/day)`, t.prompt.requestsPerDay);
  if (value === undefined) return undefined;
  const where = await pickWhere(ctx, t, 'requests/day', value, true);
  if (!where) return undefined;
  return done(await applyToPrompt(ctx, t, 'requests/day', value, where), value);
}

type LensAction = 'model' | 'traffic' | 'panel';

/** The CodeLens click: change the model, change the traffic, or open the side panel on this prompt. */
export async function lensActions(ctx: CommandContext, ref?: unknown): Promise<ApplyResult | undefined> {
  const t = await promptTarget(ctx, ref);
  if (!t) {
    void vscode.window.showWarningMessage('Prompt Cost: that prompt is gone (the file changed); try the CodeLens again.');
    return undefined;
  }
  const p = t.prompt;
  const items: PickItem<LensAction>[] = [
    { label: '$(symbol-class) Change model for this prompt…', description: `now ${p.modelId}`, value: 'model' },
    { label: '$(pulse) Change traffic for this prompt…', description: `now ${formatRate(p.requestsPerDay)}/day`, value: 'traffic' },
    { label: '$(layout-sidebar-right) Open the side panel on this prompt', value: 'panel' },
  ];
  const action = await ctx.ui.pick({ title: `Prompt Cost · ${promptLabel(t)}`, placeholder: 'What do you want to change?', items });
  if (action === 'model') return changePromptModel(ctx, t);
  if (action === 'traffic') return setTraffic(ctx, { uri: t.doc.uri, promptIndex: t.promptIndex });
  if (action === 'panel') {
    const available = (await vscode.commands.getCommands(true)).includes(CommandId.openPanel);
    if (!available) {
      void vscode.window.showInformationMessage('Prompt Cost: the side panel is not available in this build.');
      return undefined;
    }
    // The panel validates its arguments as JSON-safe data: the URI goes as a string.
    await vscode.commands.executeCommand(CommandId.openPanel, { uri: t.doc.uri.toString(), promptIndex: t.promptIndex });
    return { message: 'opened the side panel', value: 'panel' };
  }
  return undefined;
}
