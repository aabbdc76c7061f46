import type { LimitsInput } from './schemas';

/**
 * Applies limit overrides to an account's own limits: a number sets one, null removes it
 * (the plan's value applies again). See "Plans and limits" in docs/development.md.
 */
export function mergeLimits(current: Readonly<Record<string, number | null | undefined>>, changes: LimitsInput): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const [key, value] of Object.entries({ ...current, ...changes })) if (typeof value === 'number') merged[key] = value;
  return merged;
}
