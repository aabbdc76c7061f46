import type { z } from 'zod';
import type { RatingSummaryJson } from '../reviews';
import type { ProfileRow } from './repository';
import type { PublicField, profileCard } from './schemas';

type Card = z.output<typeof profileCard>;

/** Profile field → its value on the row (the headline is the profile's title). */
const fieldValue: Record<PublicField, (p: ProfileRow, email: string) => Card[keyof Card]> = {
  headline: (p) => p.title,
  bio: (p) => p.bio,
  avatar: (p) => p.avatar,
  coverImage: (p) => p.coverImage,
  skills: (p) => p.skills,
  location: (p) => p.location,
  website: (p) => p.website,
  company: (p) => p.company,
  socialLinks: (p) => p.socialLinks,
  email: (_p, email) => email,
  phone: (p) => p.phone,
};

/**
 * A person as others see them: the display name and the fields they made public;
 * `also` adds fields a counterpart always sees (name, avatar, headline) — never e-mail
 * or phone, which show only when the person lists them.
 */
export function presentCard(
  user: { id: string; email: string; profile: ProfileRow | null },
  rating: RatingSummaryJson,
  also: ('avatar' | 'headline')[] = [],
): Card {
  const card: Card = { id: user.id, displayName: user.profile?.displayName ?? 'Unnamed', rating };
  const profile = user.profile;
  if (!profile) return card;
  const shown = new Set<PublicField>([...(profile.publicFields as PublicField[]), ...also]);
  for (const field of shown) (card as Record<string, unknown>)[field] = fieldValue[field](profile, user.email);
  return card;
}
