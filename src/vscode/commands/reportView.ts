import * as vscode from 'vscode';

/**
 * Shows an HTML audit report in a webview panel. The report is self-contained and carries its own strict CSP
 * (`default-src 'none'`, its one inline style and script pinned by hash); the webview loads no local resource
 * (`localResourceRoots: []`) and the script only sorts tables.
 */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  show(html: string, title: string): vscode.WebviewPanel {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('promptCostLens.report', title, vscode.ViewColumn.Active, {
        enableScripts: true,
        enableCommandUris: false,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = title;
    this.panel.webview.html = html;
    this.panel.reveal();
    return this.panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
