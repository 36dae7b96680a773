import * as vscode from 'vscode';
import type { Log } from './log';

/** Command ids contributed in package.json (`contributes.commands`). */
export const CommandId = {
  showLog: 'promptCostLens.showLog',
} as const;

/** The extension's commands; each registration is owned and disposed here. */
export class Commands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(log: Log) {
    this.disposables = [vscode.commands.registerCommand(CommandId.showLog, () => log.show())];
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
