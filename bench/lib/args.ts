/**
 * A tiny `--name value` / `--flag` parser for the bench scripts (npm run bench:data --
 * --scale 0.1). Unknown options are an error, so a typo does not silently run the
 * default.
 */
export function parseArgs<T extends Record<string, string | boolean | undefined>>(argv: string[], known: { [K in keyof T]: 'string' | 'boolean' }): Partial<T> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const kind = known[key as keyof T];
    if (!kind)
      throw new Error(
        `unknown option --${name}; known: ${Object.keys(known)
          .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`)
          .join(', ')}`,
      );
    if (kind === 'boolean') {
      out[key] = inline === undefined ? true : !['0', 'false', 'no'].includes(inline);
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      out[key] = value;
    }
  }
  return out as Partial<T>;
}

/** A number option, with a one-line error naming it. */
export function numberOption(value: string | undefined, name: string, fallback: number, check: (n: number) => boolean = (n) => n > 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new Error(`--${name}: invalid value "${value}"`);
  return n;
}
