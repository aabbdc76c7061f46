/**
 * Half-open time intervals [start, end) in epoch milliseconds, and the set operations
 * the slot engine is built from. "Normalised" means sorted by start, disjoint and not
 * touching — what `union` returns and what the other operations expect.
 */
export interface Interval {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start <= last.end) {
      if (next.end > last.end) last.end = next.end;
    } else {
      out.push({ start: next.start, end: next.end });
    }
  }
  return out;
}

/** a minus b, both normalised; linear in their lengths. */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const piece of a) {
    let start = piece.start;
    while (j < b.length && b[j]!.end <= start) j++;
    let k = j;
    while (k < b.length && b[k]!.start < piece.end) {
      if (b[k]!.start > start) out.push({ start, end: b[k]!.start });
      start = Math.max(start, b[k]!.end);
      if (b[k]!.end > piece.end) break;
      k++;
    }
    if (start < piece.end) out.push({ start, end: piece.end });
  }
  return out;
}

/** Whether one interval of a normalised list contains `inner` entirely (binary search). */
export function contains(normalised: readonly Interval[], inner: Interval): boolean {
  let lo = 0;
  let hi = normalised.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = normalised[mid]!;
    if (candidate.end <= inner.start) lo = mid + 1;
    else if (candidate.start > inner.start) hi = mid - 1;
    else return inner.end <= candidate.end;
  }
  return false;
}

export const overlaps = (a: Interval, b: Interval): boolean => a.start < b.end && b.start < a.end;
