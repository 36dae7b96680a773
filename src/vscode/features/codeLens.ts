import * as vscode from 'vscode';
import { loadCatalog } from '../../core/pricing/catalog';
import type { AnalysisService } from '../analysis/analysisService';
import { CommandId } from '../commands/commandIds';
import type { PromptRef } from '../commands/commandIds';
import { lensTitle, unknownModelTitle } from '../format';
import { DOCUMENT_SELECTOR } from '../paths';
import type { SettingsSource } from '../settings';

/**
 * A CodeLens above every prompt the core finds — prompt files, agent instructions, prompts in YAML/JSON and prompts
 * embedded in code — at the model and traffic that apply. Clicking it offers: change the model, change the traffic,
 * open the side panel on this prompt.
 */
export class PromptCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses: vscode.Event<void> = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly analysis: AnalysisService,
    private readonly settings: SettingsSource,
  ) {
    this.disposables.push(
      vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, this),
      analysis.onDidAnalyze(() => this.changed.fire()),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.analysis.handles(document)) return [];
    const a = await this.analysis.analyze(document);
    if (token.isCancellationRequested || a.prompts.length === 0) return [];
    const catalog = await loadCatalog();
    const fileSetsModel = this.settings.fileSets('model', document.uri);
    return a.prompts.map((p, promptIndex) => {
      const ref: PromptRef = { uri: document.uri, promptIndex };
      const title = p.model ? lensTitle(p) : unknownModelTitle(p, a.settings, catalog, fileSetsModel);
      const tooltip = p.model
        ? `${p.prompt.name || 'Prompt'} (${p.prompt.kind}, ${p.prompt.format}): input tokens per request priced for ${p.model.id}. Click to change the model or traffic, or open the side panel.`
        : (p.error ?? 'Unknown model');
      return new vscode.CodeLens(new vscode.Range(p.prompt.startLine, 0, p.prompt.startLine, 0), {
        title, tooltip, command: CommandId.lensActions, arguments: [ref],
      });
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
