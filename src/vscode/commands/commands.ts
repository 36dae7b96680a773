import * as vscode from 'vscode';
import { AuditWorkspace } from './auditWorkspace';
import { CommandId } from './commandIds';
import type { CommandContext } from './context';
import { EstimateWorkload } from './estimateWorkload';
import { lensActions, selectModel, setTraffic } from './promptCommands';
import { ReportView } from './reportView';

/**
 * The extension's commands; each registration is owned and disposed here. Every command returns what it did
 * (undefined when cancelled), so tests and the side panel can run them through `executeCommand`.
 * `promptCostLens.openPanel` is registered by the side panel feature, not here.
 */
export class Commands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[];

  constructor(ctx: CommandContext) {
    const view = new ReportView();
    const estimate = new EstimateWorkload(ctx);
    const audit = new AuditWorkspace(ctx, view);
    const guard = <T>(name: string, run: (...args: unknown[]) => Promise<T>) => async (...args: unknown[]): Promise<T | undefined> => {
      try {
        return await run(...args);
      } catch (err) {
        ctx.log.error(`${name} failed`, err);
        void vscode.window.showErrorMessage(`Prompt Cost: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };
    this.disposables = [
      view,
      vscode.commands.registerCommand(CommandId.showLog, () => ctx.log.show()),
      vscode.commands.registerCommand(CommandId.selectModel, guard('Select Model', () => selectModel(ctx))),
      vscode.commands.registerCommand(CommandId.setTraffic, guard('Set Traffic', (ref) => setTraffic(ctx, ref))),
      vscode.commands.registerCommand(CommandId.lensActions, guard('CodeLens actions', (ref) => lensActions(ctx, ref))),
      vscode.commands.registerCommand(CommandId.estimateWorkload, guard('Estimate Workload', () => estimate.run())),
      vscode.commands.registerCommand(CommandId.copyWorkloadJson, guard('Copy JSON', () => estimate.copyJson())),
      vscode.commands.registerCommand(CommandId.auditWorkspace, guard('Audit Workspace', () => audit.run())),
    ];
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
