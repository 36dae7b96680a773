import * as vscode from 'vscode';
import { parseSettings } from '../core/config/parse';
import { settingsShape } from '../core/config/schema';
import type { Settings } from '../core/config/schema';
import type { Log } from './log';

/** The VS Code settings section: `promptCostLens.model`, `promptCostLens.requestsPerDay`, … */
export const SECTION = 'promptCostLens';

/**
 * Reads `promptCostLens.*` for a resource and validates it with the core's schema. A bad value is reported once
 * (a warning naming the setting) and replaced by that key's default; the other keys keep their values.
 */
export class SettingsSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when any `promptCostLens.*` setting changes. */
  readonly onDidChange: vscode.Event<void> = this.changed.event;
  private readonly reported = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: Log) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SECTION)) return;
        this.reported.clear();
        this.log.debug('settings changed');
        this.changed.fire();
      }),
    );
  }

  read(scope?: vscode.Uri): Settings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(settingsShape)) {
      const value = config.get<unknown>(key);
      if (value !== undefined) raw[key] = value;
    }
    const { settings, problems } = parseSettings(raw, 'settings');
    for (const p of problems) {
      const text = `Setting "${SECTION}.${p.key}": ${p.message}`;
      if (this.reported.has(text)) continue;
      this.reported.add(text);
      this.log.warn(text);
      void vscode.window.showWarningMessage(`Prompt Cost Lens: ${text}`);
    }
    return settings;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
