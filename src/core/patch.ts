/**
 * The fields a PATCH actually gave: `undefined` means "not given" and is dropped, `null`
 * means "clear it" and is kept. An empty result means there is nothing to write (an
 * UPDATE without columns is an error in SQL).
 */
export function changesOf<T extends Record<string, unknown>>(input: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}

export const hasChanges = (changes: object): boolean => Object.keys(changes).length > 0;

/** ISO string → Date, null stays null, undefined stays undefined (for optional PATCH fields). */
export const optionalDate = (value: string | null | undefined): Date | null | undefined =>
  value === undefined ? undefined : value === null ? null : new Date(value);
