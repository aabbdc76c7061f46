/**
 * Slugs for content and categories: lower-case ASCII words joined by hyphens, the form
 * the database's mono.is_slug() accepts.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 200;
/** Generated slugs stay short enough to read in a URL. */
const GENERATED_MAX_LENGTH = 80;
/** What a title without any transliterable letter (e.g. only CJK or emoji) becomes. */
export const FALLBACK_SLUG = 'untitled';

// Letters that Unicode decomposition does not turn into ASCII, and the German umlauts,
// whose conventional spelling (ae, oe, ue) reads better than a bare vowel.
const LATIN: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ĸ: 'k',
  ſ: 's',
  ƒ: 'f',
};

// Russian, Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian Cyrillic (a
// simplified BGN/PCGN-style romanisation).
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  і: 'i',
  ї: 'yi',
  є: 'ye',
  ґ: 'g',
  ў: 'u',
  ђ: 'dj',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'gj',
  ќ: 'kj',
  ѕ: 'dz',
};

const GREEK: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};

const SYMBOLS: Record<string, string> = { '&': ' and ', '@': ' at ', '+': ' plus ', '%': ' percent ' };

const TABLE: Record<string, string> = { ...LATIN, ...CYRILLIC, ...GREEK, ...SYMBOLS };

/** Letters transliterated one by one (lower-cased first, so the tables only hold small letters). */
function transliterate(text: string): string {
  let out = '';
  // NFC first so that "a" + combining diaeresis is looked up as "ä".
  for (const char of text.normalize('NFC').toLowerCase()) {
    const mapped = TABLE[char];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    // Accented letters decompose into a base letter plus combining marks (é → e + ´),
    // also in Greek (ά → α + ´), whose base letter is then looked up again.
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    out += [...base].map((c) => TABLE[c] ?? c).join('');
  }
  return out;
}

/** Cuts at a word boundary so that a long title does not end in half a word. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  const head = slug.slice(0, max + 1);
  const boundary = head.lastIndexOf('-');
  return (boundary > max / 2 ? head.slice(0, boundary) : slug.slice(0, max)).replace(/-+$/, '');
}

/**
 * A slug from free text: "Über Café & Crème" → "ueber-cafe-and-creme", "Привет мир" →
 * "privet-mir". Apostrophes vanish inside words ("Don't" → "dont"). Text with nothing
 * transliterable gives FALLBACK_SLUG.
 */
export function slugify(text: string, max = GENERATED_MAX_LENGTH): string {
  const slug = transliterate(text)
    .replace(/(\p{L}|\p{N})['’ʼ](?=\p{L})/gu, '$1')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cut(slug, max) || FALLBACK_SLUG;
}

/**
 * The first free variant of `base` ("base-2", "base-3", …) given the slugs already
 * taken among the live rows that start with it. Leaves room for the suffix so the
 * result stays within SLUG_MAX_LENGTH.
 */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${cut(base, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}
