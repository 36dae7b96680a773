import type * as vscode from 'vscode';

/** Command ids. The palette ones are contributed in package.json (category "Prompt Cost"); the rest are internal. */
export const CommandId = {
  estimateWorkload: 'promptCostLens.estimateWorkload',
  auditWorkspace: 'promptCostLens.auditWorkspace',
  selectModel: 'promptCostLens.selectModel',
  setTraffic: 'promptCostLens.setTraffic',
  showLog: 'promptCostLens.showLog',
  /** Registered by the side panel feature (src/vscode/panel), not here; takes `{ uri: string, promptIndex }`. */
  openPanel: 'promptCostLens.openPanel',
  /** Internal: the CodeLens click (a quick pick of actions on one prompt). */
  lensActions: 'promptCostLens.lensActions',
  /** Internal: copies the JSON of the last workload estimate. */
  copyWorkloadJson: 'promptCostLens.copyWorkloadJson',
} as const;

/** One prompt of a document: the argument of the CodeLens, code action and side panel commands. */
export interface PromptRef {
  /** A Uri, or its string form (as the side panel sends it). */
  readonly uri: vscode.Uri | string;
  /** Index in the document's prompts, in document order (as the CodeLenses). */
  readonly promptIndex: number;
}
