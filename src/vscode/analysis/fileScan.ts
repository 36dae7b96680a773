import * as vscode from 'vscode';
import { minimatch } from 'minimatch';
import type { Settings } from '../../core/config/schema';
import { detectPrompts, isCandidateFile } from '../../core/discovery/index';
import type { DetectedPrompt } from '../../core/discovery/types';
import { workspacePath } from '../paths';

/** Files the core's discovery can read prompts from (it decides by name and place; this only narrows the search). */
export const CANDIDATE_GLOB =
  '**/{*.py,*.ts,*.mts,*.cts,*.tsx,*.js,*.jsx,*.mjs,*.cjs,*.go,*.java,*.kt,*.kts,*.prompty,*.prompt,*.j2,*.jinja,*.jinja2,*.mustache,*.hbs,*.handlebars,*.md,*.markdown,*.mdc,*.txt,*.yaml,*.yml,*.json,*.jsonc,.cursorrules,.windsurfrules,.clinerules}';
/** Reports written by "Audit Workspace" (a JSON report is not a config file holding prompts). */
export const REPORT_FILE = /(?:^|\/)prompt-cost-report[^/]*$/;
/** Files above this size are never read (generated data, not prompts). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Most files searched per workspace folder. */
export const MAX_FILES = 5000;

export interface ScannedFile {
  readonly uri: vscode.Uri;
  readonly path: string;
  readonly hash: string;
  /** The text, kept only when the file holds prompts. */
  readonly text?: string;
  readonly prompts: readonly DetectedPrompt[];
}

/** FNV-1a of a text, with its length: the per-file content key. */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(36)}.${text.length}`;
}

function braceFree(globs: readonly string[]): string[] {
  return globs.filter((g) => !/[{}]/.test(g));
}

/** True when `path` (relative, POSIX) matches one of the `exclude` globs. */
export function isExcluded(path: string, exclude: readonly string[]): boolean {
  return exclude.some((g) => minimatch(path, g, { dot: true }));
}

/** The candidate files of a folder: the candidate glob and `include`, minus `exclude` (findFiles, then minimatch). */
export async function findCandidates(folder: vscode.WorkspaceFolder, settings: Settings, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const ex = braceFree(settings.exclude);
  const exclude = ex.length ? new vscode.RelativePattern(folder, ex.length === 1 ? ex[0] : `{${ex.join(',')}}`) : null;
  const found = new Map<string, vscode.Uri>();
  for (const glob of [CANDIDATE_GLOB, ...settings.include]) {
    if (token.isCancellationRequested) break;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude, MAX_FILES, token);
    for (const u of uris) found.set(u.toString(), u);
  }
  return [...found.values()].filter((u) => {
    const path = workspacePath(u);
    if (REPORT_FILE.test(path)) return false;
    return !isExcluded(path, settings.exclude) && (isCandidateFile(path) || settings.include.some((g) => minimatch(path, g, { dot: true })));
  });
}

const decoder = new TextDecoder('utf-8');

/**
 * Reads one file through vscode.workspace.fs and finds its prompts, reusing `previous` when the content hash is
 * unchanged. Undefined for unreadable, binary or too large files.
 */
export async function scanFile(uri: vscode.Uri, previous: ScannedFile | undefined): Promise<ScannedFile | undefined> {
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_FILE_BYTES) return undefined;
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    return undefined;
  }
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  const text = decoder.decode(bytes);
  const hash = contentHash(text);
  if (previous && previous.hash === hash) return previous;
  return fromText(uri, text, hash);
}

/** A scanned file from a text already in memory (an open document). */
export function fromText(uri: vscode.Uri, text: string, hash = contentHash(text), languageId?: string): ScannedFile {
  const path = workspacePath(uri, languageId);
  const prompts = detectPrompts(path, text);
  return prompts.length ? { uri, path, hash, text, prompts } : { uri, path, hash, prompts };
}

/** What duplicate detection sees of a file: its prompts' texts and places. */
export function promptSignature(f: ScannedFile | undefined): string {
  return f ? f.prompts.map((p) => `${p.startOffset}:${p.endOffset}:${contentHash(p.text)}`).join(',') : '';
}
