/**
 * Money as the API answers it: numeric(19,4) as stored ("1500.0000") → "1500.00" —
 * insignificant zeros go, two decimals stay, nothing passes through a float. Every
 * presenter of an amount (listings, bookings) uses it, so prices read alike everywhere.
 */
export function formatMoney(value: string | null): string | null {
  if (value === null) return null;
  const [whole, fraction = ''] = value.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}
