import { z } from 'zod';
import { isoDateTime, uuid } from '../../http/kit/schemas';
import { listingResponse } from '../marketplace';
import { ratingSummary } from '../reviews';

/** Profile fields a person may show to everyone (the display name always shows). */
export const PUBLIC_FIELDS = ['headline', 'bio', 'avatar', 'coverImage', 'skills', 'location', 'website', 'company', 'socialLinks', 'email', 'phone'] as const;
export type PublicField = (typeof PUBLIC_FIELDS)[number];

export const publicFieldsSchema = z.strictObject({
  fields: z
    .array(z.enum(PUBLIC_FIELDS))
    .max(PUBLIC_FIELDS.length)
    .describe('What everyone may see besides the display name; e-mail and phone only when listed here'),
});

export const publicFieldsResponse = z.object({ fields: z.array(z.enum(PUBLIC_FIELDS)) });

/** What a profile shows: the display name, and each public field (absent when not public). */
export const profileCard = z.object({
  id: uuid,
  displayName: z.string(),
  headline: z.string().nullable().optional(),
  bio: z.string().nullable().optional(),
  avatar: z.string().nullable().optional(),
  coverImage: z.string().nullable().optional(),
  skills: z.array(z.string()).optional(),
  location: z.string().nullable().optional(),
  website: z.string().nullable().optional(),
  company: z.string().nullable().optional(),
  socialLinks: z.record(z.string(), z.string()).nullable().optional(),
  email: z.string().optional(),
  phone: z.string().nullable().optional(),
  rating: ratingSummary,
});

export const publicUserResponse = profileCard.extend({
  listings: z.array(listingResponse).describe('Newest open listings of the accounts the person runs alone'),
});

export const publicAccountResponse = z.object({
  id: uuid,
  name: z.string(),
  identifier: z.string(),
  type: z.string(),
  createdAt: isoDateTime,
  rating: ratingSummary,
  listings: z.array(listingResponse).describe('Newest open listings'),
});
