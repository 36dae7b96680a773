import * as vscode from 'vscode';
import { Commands } from './commands';
import { Log } from './log';
import { PromptCodeLens } from './promptCodeLens';
import { SettingsSource } from './settings';

declare const __PCL_VERSION__: string;

/** Which extension host runs this code: the Node one (desktop, remote) or the browser's web worker one. */
export function hostKind(): 'node' | 'web worker' {
  return typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' ? 'web worker' : 'node';
}

/** The composition root: builds each feature once and hands its disposal to VS Code. No work happens here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new Log('Prompt Cost Lens');
  const settings = new SettingsSource(log);
  context.subscriptions.push(log, settings, new Commands(log), new PromptCodeLens(settings, log));
  log.info(`Prompt Cost Lens ${__PCL_VERSION__} activated in the ${hostKind()} extension host (VS Code ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
