import * as vscode from 'vscode';
import { estimatePromptText, formatLens, UnknownModelError } from '../core/estimate';
import type { Settings } from '../core/config/schema';
import type { Log } from './log';
import { isDedicatedPromptFile, PROMPT_FILE_GLOBS } from './promptFiles';
import { SECTION, SettingsSource } from './settings';
import { CommandId } from './commands';

/** How long typing must pause before the lenses are asked to refresh. */
const REFRESH_DELAY_MS = 300;

interface CachedLens {
  readonly key: string;
  readonly lens: Promise<vscode.CodeLens>;
}

/**
 * One CodeLens at line 0 of each dedicated prompt file: tokens, $/request and $/month for the configured model and
 * traffic. Refreshes (debounced) when a prompt file changes and at once when a `promptCostLens.*` setting changes.
 */
export class PromptCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses: vscode.Event<void> = this.changed.event;
  private readonly cache = new Map<string, CachedLens>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: SettingsSource,
    private readonly log: Log,
  ) {
    const selector = PROMPT_FILE_GLOBS.map((pattern) => ({ pattern }));
    this.disposables.push(
      vscode.languages.registerCodeLensProvider(selector, this),
      settings.onDidChange(() => {
        this.cache.clear();
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && isDedicatedPromptFile(e.document.uri.path)) this.refreshSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.cache.delete(doc.uri.toString())),
    );
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!isDedicatedPromptFile(document.uri.path)) return [];
    const settings = this.settings.read(document.uri);
    const key = `${document.version}|${JSON.stringify([settings.model, settings.requestsPerDay, settings.outputTokens, settings.daysPerMonth, settings.customModels, settings.priceOverrides])}`;
    const uri = document.uri.toString();
    let cached = this.cache.get(uri);
    if (cached?.key !== key) {
      cached = { key, lens: this.estimate(document.getText(), settings, document.uri) };
      this.cache.set(uri, cached);
    }
    const lens = await cached.lens;
    return token.isCancellationRequested ? [] : [lens];
  }

  private async estimate(text: string, settings: Settings, uri: vscode.Uri): Promise<vscode.CodeLens> {
    const range = new vscode.Range(0, 0, 0, 0);
    const started = Date.now();
    try {
      const e = await estimatePromptText(text, {
        model: settings.model,
        requestsPerDay: settings.requestsPerDay,
        outputTokens: settings.outputTokens,
        daysPerMonth: settings.daysPerMonth,
        customModels: settings.customModels,
        priceOverrides: settings.priceOverrides,
      });
      const title = formatLens(e);
      this.log.debug(`${uri.path}: ${title} (${Date.now() - started} ms)`);
      return new vscode.CodeLens(range, {
        title,
        tooltip: `Input tokens of this file priced for ${e.modelId} (prices as of ${e.pricesAsOf}), with ${settings.outputTokens} output tokens per request. Click to change the model or traffic.`,
        command: 'workbench.action.openSettings',
        arguments: [SECTION],
      });
    } catch (err) {
      if (err instanceof UnknownModelError) {
        this.log.warn(`${uri.path}: ${err.message}`);
        const close = err.suggestions.slice(0, 3).join(', ');
        return new vscode.CodeLens(range, {
          title: `Prompt Cost Lens: unknown model '${err.modelId}' in ${SECTION}.model${close ? ` (did you mean ${close}?)` : ''}`,
          tooltip: err.message,
          command: 'workbench.action.openSettings',
          arguments: [`${SECTION}.model`],
        });
      }
      this.log.error(`${uri.path}: could not estimate`, err);
      return new vscode.CodeLens(range, { title: 'Prompt Cost Lens: could not estimate (see the log)', command: CommandId.showLog });
    }
  }

  private refreshSoon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.cache.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
