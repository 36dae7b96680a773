import { Dirent, promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import { minimatch } from 'minimatch';

/** Folders never entered, whatever .gitignore says. */
export const DEFAULT_EXCLUDED_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'vendor', 'third_party', '.venv', 'venv', '__pycache__', '.tox', '.next', '.nuxt', 'coverage', 'target', '.hg', '.svn', 'bower_components', 'Pods', '.gradle', '.idea', '.mypy_cache', '.pytest_cache']);

export interface WalkOptions {
  /** Globs (minimatch, relative posix paths) never read. */
  readonly exclude?: readonly string[];
  /** Extra globs whose files are candidates even if the name filter says no. */
  readonly include?: readonly string[];
  /** Which files are worth reading (cheap, by path). */
  readonly isCandidate: (relPath: string) => boolean;
  readonly maxFileBytes?: number;
  readonly signal?: AbortSignal;
}

export interface WalkedFile {
  readonly abs: string;
  /** Posix, relative to the root. */
  readonly rel: string;
  readonly size: number;
}

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: { file: string; reason: string }[];
  /** Files looked at (candidates or not). */
  readonly seen: number;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * Walks `root` respecting .gitignore files (root and nested), default excludes and globs; follows symlinks once
 * (a directory reached twice through links is a loop and skipped with a reason); never throws for an unreadable folder.
 */
export async function walk(root: string, opts: WalkOptions): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visited = new Set<string>();
  const maxBytes = opts.maxFileBytes ?? 2 * 1024 * 1024;
  const excludes = (opts.exclude ?? []).map((g) => new minimatch.Minimatch(g, { dot: true }));
  const includes = (opts.include ?? []).map((g) => new minimatch.Minimatch(g, { dot: true }));
  let seen = 0;

  async function dir(abs: string, ignores: { base: string; ig: Ignore }[]): Promise<void> {
    if (opts.signal?.aborted) return;
    let real: string;
    try {
      real = await fsp.realpath(abs);
    } catch (e) {
      skipped.push({ file: toPosix(relative(root, abs)) || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (visited.has(real)) {
      skipped.push({ file: toPosix(relative(root, abs)), reason: 'symlink loop: folder already visited' });
      return;
    }
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(abs, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: toPosix(relative(root, abs)) || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    let local = ignores;
    if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      try {
        const text = await fsp.readFile(join(abs, '.gitignore'), 'utf8');
        local = [...ignores, { base: abs, ig: ignore().add(text) }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const e of entries) {
      const childAbs = join(abs, e.name);
      const rel = toPosix(relative(root, childAbs));
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          const st = await fsp.stat(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          skipped.push({ file: rel, reason: 'broken symlink' });
          continue;
        }
      }
      if (!isDir && !isFile) continue; // sockets, fifos, devices
      if (isDir && DEFAULT_EXCLUDED_DIRS.has(e.name)) continue;
      if (isIgnored(local, childAbs, isDir)) continue;
      if (excludes.some((m) => m.match(rel) || (isDir && m.match(rel + '/')))) continue;
      if (isDir) {
        subdirs.push(childAbs);
        continue;
      }
      seen++;
      if (!opts.isCandidate(rel) && !includes.some((m) => m.match(rel))) continue;
      let size: number;
      try {
        size = (await fsp.stat(childAbs)).size;
      } catch (err) {
        skipped.push({ file: rel, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        continue;
      }
      if (size > maxBytes) {
        skipped.push({ file: rel, reason: `too large (${(size / 1048576).toFixed(1)} MB > ${(maxBytes / 1048576).toFixed(1)} MB)` });
        continue;
      }
      files.push({ abs: childAbs, rel, size });
    }
    for (const d of subdirs) await dir(d, local);
  }

  await dir(root, []);
  return { files, skipped, seen };
}

function isIgnored(stack: { base: string; ig: Ignore }[], abs: string, isDir: boolean): boolean {
  for (const { base, ig } of stack) {
    const rel = toPosix(relative(base, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}
