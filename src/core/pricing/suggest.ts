/** Close matches for an unknown id: substring hits first, then by edit distance. */
export function suggestClose(query: string, candidates: readonly string[], max = 5): string[] {
  const q = query.toLowerCase();
  const scored: { id: string; score: number }[] = [];
  for (const c of candidates) {
    const l = c.toLowerCase();
    let score: number;
    if (l === q) score = 0;
    else if (l.includes(q) || q.includes(l)) score = 1 + Math.abs(l.length - q.length) / 100;
    else {
      const d = editDistance(q, l, Math.max(3, Math.floor(q.length / 3)));
      if (d === Infinity) continue;
      score = 2 + d;
    }
    scored.push({ id: c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.id.length - b.id.length || a.id.localeCompare(b.id));
  return [...new Set(scored.map((s) => s.id))].slice(0, max);
}

/** Levenshtein distance, or Infinity once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Infinity;
    prev = cur;
  }
  return prev[b.length] > limit ? Infinity : prev[b.length];
}
