import { Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import { minimatch, Minimatch } from 'minimatch';

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
  /** Called with each candidate file as it is found (before the walk ends), in walk order. */
  readonly onFile?: (file: WalkedFile) => void;
  /**
   * Asked before each candidate file's size is looked up: when it says false, the file is given with size -1 and
   * whoever reads it checks the size limit (scanFile() does). A stat per file is about half of a walk's time.
   */
  readonly needSize?: () => boolean;
}

export interface WalkedFile {
  readonly abs: string;
  /** Posix, relative to the root. */
  readonly rel: string;
  /** Bytes, or -1 when not looked up (see WalkOptions.needSize). */
  readonly size: number;
}

/** The reason a file above the size limit is skipped with. */
export function tooLargeReason(size: number, maxBytes: number): string {
  return `too large (${(size / 1048576).toFixed(1)} MB > ${(maxBytes / 1048576).toFixed(1)} MB)`;
}

/** The size limit of a walk when none is given. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface WalkResult {
  readonly files: WalkedFile[];
  readonly skipped: { file: string; reason: string }[];
  /** Files looked at (candidates or not). */
  readonly seen: number;
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

/**
 * `join(dir, name)` for an entry name of `dir` (no separators, not `.` or `..`), without normalising `dir` again: the
 * same file (`dir` keeps any `./` the root was given with), at a fraction of the cost over a large tree.
 */
const joinName = (dir: string, name: string): string => (dir.endsWith(sep) || dir.endsWith('/') ? dir + name : dir + sep + name);

/**
 * A minimatch glob with a cheap pre-check: the literal path segments the glob requires (`node_modules` in
 * `**\/node_modules/**`). A path that lacks one of them (compared without case) cannot match, so minimatch runs only
 * for paths that have them all.
 */
export class Glob {
  private readonly mm: Minimatch;
  private readonly required: string[];

  constructor(glob: string) {
    this.mm = new minimatch.Minimatch(glob, { dot: true });
    // only globs made of `**` and plain segments get a pre-check; anything else always asks minimatch
    const segs = glob.split('/');
    const plain = !glob.startsWith('!') && segs.every((s) => s === '**' || (s !== '' && s !== '.' && s !== '..' && !/[*?[\]{}()!+@\\]/.test(s)));
    this.required = plain ? segs.filter((s) => s !== '**').map((s) => s.toLowerCase()) : [];
  }

  /** `segs`: the lowercased segments of `rel`. */
  match(rel: string, segs: readonly string[]): boolean {
    for (const r of this.required) if (!segs.includes(r)) return false;
    return this.mm.match(rel);
  }
}

/** Directories read between two yields to the event loop (so Ctrl-C is seen during a long walk). */
const YIELD_EVERY = 64;

/**
 * Walks `root` respecting .gitignore files (root and nested), default excludes and globs; follows symlinks once
 * (a directory reached twice through links is a loop and skipped with a reason); never throws for an unreadable folder.
 * File-system calls are synchronous (one directory at a time): an await per file costs more than the call. The walk
 * yields to the event loop every few directories.
 */
export async function walk(root: string, opts: WalkOptions): Promise<WalkResult> {
  const files: WalkedFile[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const visited = new Set<string>();
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const excludes = (opts.exclude ?? []).map((g) => new Glob(g));
  const includes = (opts.include ?? []).map((g) => new minimatch.Minimatch(g, { dot: true }));
  let seen = 0;
  let sinceYield = 0;

  // rel: posix path of `abs` relative to the root ('' for the root); lowerSegs: its lowercased segments; knownReal:
  // the real path when known without asking (a plain subfolder of a folder whose real path is known)
  async function dir(abs: string, rel: string, lowerSegs: string[], ignores: { base: string; ig: Ignore }[], knownReal?: string): Promise<void> {
    if (opts.signal?.aborted) return;
    if (++sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (opts.signal?.aborted) return;
    }
    let real: string;
    try {
      real = knownReal ?? realpathSync.native(abs);
    } catch (e) {
      skipped.push({ file: rel || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    if (visited.has(real)) {
      skipped.push({ file: rel, reason: 'symlink loop: folder already visited' });
      return;
    }
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      skipped.push({ file: rel || '.', reason: `unreadable folder (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
      return;
    }
    let local = ignores;
    if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      try {
        const text = readFileSync(join(abs, '.gitignore'), 'utf8');
        local = [...ignores, { base: abs, ig: ignore().add(text) }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: { abs: string; rel: string; segs: string[]; real?: string }[] = [];
    for (const e of entries) {
      const childAbs = joinName(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      const link = e.isSymbolicLink();
      if (link) {
        try {
          const st = statSync(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          skipped.push({ file: childRel, reason: 'broken symlink' });
          continue;
        }
      }
      if (!isDir && !isFile) continue; // sockets, fifos, devices
      if (isDir && DEFAULT_EXCLUDED_DIRS.has(e.name)) continue;
      if (local.length > 0 && isIgnored(local, childAbs, isDir)) continue;
      if (excludes.length > 0) {
        const segs = [...lowerSegs, e.name.toLowerCase()];
        if (excludes.some((m) => m.match(childRel, segs) || (isDir && m.match(childRel + '/', segs)))) continue;
        if (isDir) {
          subdirs.push({ abs: childAbs, rel: childRel, segs, real: link ? undefined : joinName(real, e.name) });
          continue;
        }
      } else if (isDir) {
        subdirs.push({ abs: childAbs, rel: childRel, segs: [...lowerSegs, e.name.toLowerCase()], real: link ? undefined : joinName(real, e.name) });
        continue;
      }
      seen++;
      if (!opts.isCandidate(childRel) && !includes.some((m) => m.match(childRel))) continue;
      let size = -1;
      if (!opts.needSize || opts.needSize()) {
        try {
          size = statSync(childAbs).size;
        } catch (err) {
          skipped.push({ file: childRel, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
          continue;
        }
        if (size > maxBytes) {
          skipped.push({ file: childRel, reason: tooLargeReason(size, maxBytes) });
          continue;
        }
      }
      const file = { abs: childAbs, rel: childRel, size };
      files.push(file);
      opts.onFile?.(file);
    }
    // a plain subfolder's real path is its parent's real path and its name; links are resolved
    for (const d of subdirs) await dir(d.abs, d.rel, d.segs, local, d.real);
  }

  await dir(root, '', [], []);
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
