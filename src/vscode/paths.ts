import * as vscode from 'vscode';
import { LineIndex } from '../core/discovery/lines';

/** File extension the core's discovery needs for documents whose name says nothing (untitled editors). */
const LANGUAGE_EXT: Readonly<Record<string, string>> = {
  python: 'py', typescript: 'ts', typescriptreact: 'tsx', javascript: 'js', javascriptreact: 'jsx', go: 'go', java: 'java',
  kotlin: 'kt', yaml: 'yaml', json: 'json', jsonc: 'json', prompty: 'prompty', jinja: 'j2', handlebars: 'hbs',
};

/** Schemes of documents the extension reads (never output channels, git or settings editors). */
export const DOCUMENT_SCHEMES: readonly string[] = ['file', 'vscode-remote', 'vscode-vfs', 'untitled', 'vscode-test-web'];

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = DOCUMENT_SCHEMES.map((scheme) => ({ scheme }));

/** The POSIX path of `uri` relative to its workspace folder, as the core expects (globs, discovery, reports). */
export function workspacePath(uri: vscode.Uri, languageId?: string): string {
  if (uri.scheme === 'untitled') {
    const ext = languageId ? LANGUAGE_EXT[languageId] : undefined;
    const name = uri.path.split('/').pop() || 'untitled';
    return ext && !name.includes('.') ? `${name}.${ext}` : name;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.path.replace(/^\/+/, '');
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path.replace(/^\/+/, '');
}

/** The workspace folder of `uri`, else the first folder. */
export function folderFor(uri?: vscode.Uri): vscode.WorkspaceFolder | undefined {
  return (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

/** Offsets of a text to VS Code ranges (UTF-16 offsets, as JS strings and VS Code both count). */
export class OffsetMap {
  private readonly lines: LineIndex;

  constructor(text: string) {
    this.lines = new LineIndex(text);
  }

  position(offset: number): vscode.Position {
    const line = this.lines.lineAt(offset);
    return new vscode.Position(line, Math.max(0, offset - this.lines.lineStart(line)));
  }

  range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.position(start), this.position(Math.max(start, end)));
  }
}
