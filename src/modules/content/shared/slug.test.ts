import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FALLBACK_SLUG, nextFreeSlug, SLUG_MAX_LENGTH, SLUG_PATTERN, slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['  Spring   collection 2025  ', 'spring-collection-2025'],
    ['Über Café & Crème brûlée', 'ueber-cafe-and-creme-brulee'],
    ['Straße in Köln', 'strasse-in-koeln'],
    ['Smørrebrød på Færøerne', 'smorrebrod-pa-faeroerne'],
    ['Łódź w Polsce', 'lodz-w-polsce'],
    ['Ağaç İstanbul', 'agac-istanbul'],
    ['Привет, мир', 'privet-mir'],
    ['Щука и ёж', 'shchuka-i-yozh'],
    ['Ґанок і їжак', 'ganok-i-yizhak'],
    ['Αθήνα και Θεσσαλονίκη', 'athina-kai-thessaloniki'],
    ["Don't stop — it’s fine", 'dont-stop-its-fine'],
    ['e\u0301clair', 'eclair'], // decomposed input
    ['ＦＵＬＬ　ｗｉｄｔｈ', 'full-width'],
    ['100% cotton + silk', '100-percent-cotton-plus-silk'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('falls back when nothing can be transliterated', () => {
    expect(slugify('東京 🗼')).toBe(FALLBACK_SLUG);
    expect(slugify('---')).toBe(FALLBACK_SLUG);
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('word '.repeat(100));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('word')).toBe(true);
  });

  it('always produces a slug the database accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
      }),
      { numRuns: 500 },
    );
  });
});

describe('nextFreeSlug', () => {
  it('keeps a free slug and numbers a taken one', () => {
    expect(nextFreeSlug('news', [])).toBe('news');
    expect(nextFreeSlug('news', ['news'])).toBe('news-2');
    expect(nextFreeSlug('news', ['news', 'news-2', 'news-3', 'news-5'])).toBe('news-4');
  });

  it('stays within the maximum length', () => {
    const long = 'a'.repeat(SLUG_MAX_LENGTH);
    const next = nextFreeSlug(long, [long]);
    expect(next.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH);
    expect(next).toMatch(SLUG_PATTERN);
    expect(next.endsWith('-2')).toBe(true);
  });
});
