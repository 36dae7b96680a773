import * as vscode from 'vscode';
import type { AnalysisService } from '../analysis/analysisService';
import { DOCUMENT_SELECTOR } from '../paths';
import type { SettingsSource } from '../settings';
import { hoverMarkdown } from './hoverContent';

/** The cost breakdown of the prompt under the mouse (see hoverMarkdown). */
export class PromptHover implements vscode.HoverProvider, vscode.Disposable {
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly analysis: AnalysisService,
    private readonly settings: SettingsSource,
  ) {
    this.registration = vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, this);
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.analysis.handles(document)) return undefined;
    const a = await this.analysis.analyze(document);
    if (token.isCancellationRequested || a.version !== document.version) return undefined;
    const offset = document.offsetAt(position);
    const hit = a.prompts.find((p) => offset >= p.prompt.startOffset && offset <= p.prompt.endOffset);
    if (!hit) return undefined;
    const text = hoverMarkdown(hit, {
      settings: a.settings,
      fileSetsModel: this.settings.fileSets('model', document.uri),
      fileSetsTraffic: this.settings.fileSets('requestsPerDay', document.uri),
    });
    const content = new vscode.MarkdownString(text, true);
    content.isTrusted = false;
    const range = new vscode.Range(document.positionAt(hit.prompt.startOffset), document.positionAt(hit.prompt.endOffset));
    return new vscode.Hover(content, range);
  }

  dispose(): void {
    this.registration.dispose();
  }
}
