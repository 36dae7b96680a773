import * as vscode from 'vscode';
import { AnalysisService } from './analysis/analysisService';
import { WorkspaceIndex } from './analysis/workspaceIndex';
import { createApi } from './api';
import type { PromptCostApi } from './api';
import { Commands } from './commands/commands';
import { ConfigFiles } from './configFile';
import { PromptCodeActions } from './features/codeActions';
import { PromptCodeLens } from './features/codeLens';
import { PromptDiagnostics } from './features/diagnostics';
import { PromptHover } from './features/hover';
import { CostStatusBar } from './features/statusBar';
import { Log } from './log';
import { CostPanel } from './panel/costPanel';
import { SettingsSource } from './settings';
import { PrompterHost } from './ui/prompter';

declare const __PCL_VERSION__: string;

/** Which extension host runs this code: the Node one (desktop, remote) or the browser's web worker one. */
export function hostKind(): 'node' | 'web worker' {
  return typeof (globalThis as { importScripts?: unknown }).importScripts === 'function' ? 'web worker' : 'node';
}

/** The composition root: builds each feature once and hands its disposal to VS Code. No work happens here. */
export function activate(context: vscode.ExtensionContext): PromptCostApi {
  const log = new Log('Prompt Cost Lens');
  const configFiles = new ConfigFiles(log);
  const settings = new SettingsSource(log, configFiles);
  const index = new WorkspaceIndex(settings, log);
  const analysis = new AnalysisService(settings, index, log);
  const diagnostics = new PromptDiagnostics(analysis, index, context.extensionUri);
  const statusBar = new CostStatusBar(analysis, index);
  const ui = new PrompterHost();
  const commands = new Commands({ log, settings, analysis, index, diagnostics, ui, workspaceState: context.workspaceState });
  context.subscriptions.push(
    log, configFiles, settings, index, analysis, diagnostics, statusBar, commands,
    new PromptCodeLens(analysis, settings), new PromptHover(analysis, settings), new PromptCodeActions(analysis),
  );
  context.subscriptions.push(new CostPanel(context, log, settings));
  index.start();
  log.info(`Prompt Cost Lens ${__PCL_VERSION__} activated in the ${hostKind()} extension host (VS Code ${vscode.version}, ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} UI)`);
  return createApi({ analysis, index, statusBar: () => statusBar.state, diagnostics: diagnostics.collection, usePrompter: (p) => ui.use(p) });
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
