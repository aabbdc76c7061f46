/**
 * Search highlights as safe HTML.
 *
 * ts_headline copies the stored text verbatim around the matches, so its output can
 * hold anything an author typed, including markup. The query asks it to mark matches
 * with two control characters (which no HTML can forge into tags), and this module
 * escapes the whole text before turning those markers into <mark> elements: the result
 * can be inserted into a page as HTML, and the only elements in it are ours.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_STOP = '\u0003';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** ts_headline output (with our markers) → escaped HTML with <mark>…</mark> around matches. */
export function highlightToHtml(headline: string): string {
  return escapeHtml(headline)
    .replace(/\u0002([^\u0002\u0003]*)\u0003/g, '<mark>$1</mark>')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** ts_headline options: our markers, and short fragments for result lists. */
export const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
export const TITLE_HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
