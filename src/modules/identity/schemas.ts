import { z } from 'zod';
import { isoDateTime, text, toIso, uuid } from '../../http/kit/schemas';
import type { ProfileRow, UserRow } from './repository';
import type { SessionRow } from './session-repository';

export const email = z
  .email({ message: 'must be an e-mail address' })
  .max(254)
  .transform((v) => v.trim().toLowerCase());
export const password = z.string().min(1, 'is required').max(256, 'must be at most 256 characters');
export const username = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9_.-]{1,38}[A-Za-z0-9])$/, '3–40 letters, digits, dots, dashes or underscores, starting and ending with a letter or digit');
export const displayName = text(100);
const url = z.url({ message: 'must be a URL' }).max(2048);

export const registerBody = z.strictObject({ email, password, displayName, username: username.optional() });
export const loginBody = z.strictObject({
  email,
  password,
  totp: z
    .string()
    .regex(/^\d{6}$/, 'is the 6-digit code from your authenticator app')
    .optional(),
  recoveryCode: z.string().min(8).max(40).optional(),
});
export const tokenBody = z.strictObject({ token: z.string().min(10).max(200) });
export const resetRequestBody = z.strictObject({ email });
export const resetConfirmBody = z.strictObject({ token: z.string().min(10).max(200), password });
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword: password });
export const totpCodeBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'is the 6-digit code from your authenticator app') });
export const disableTwoFactorBody = z.strictObject({
  password,
  code: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  recoveryCode: z.string().min(8).max(40).optional(),
});

export const updateMeBody = z.strictObject({ email: email.optional(), username: username.nullable().optional() });

export const socialLinks = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]{0,29}$/, 'a network name like "instagram"'), url)
  .refine((v) => Object.keys(v).length <= 20, 'at most 20 links');
export const profileBody = z.strictObject({
  displayName: displayName.optional(),
  bio: z.string().max(5000).nullable().optional(),
  avatar: url.nullable().optional(),
  coverImage: url.nullable().optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()./-]{3,40}$/, 'a phone number like +43 1 234 5678')
    .nullable()
    .optional(),
  website: url.nullable().optional(),
  location: z.string().trim().max(200).nullable().optional(),
  title: z.string().trim().max(200).nullable().optional(),
  company: z.string().trim().max(200).nullable().optional(),
  experience: z
    .array(
      z.strictObject({
        title: text(200),
        company: z.string().max(200).optional(),
        from: z.iso.date().optional(),
        to: z.iso.date().optional(),
        description: z.string().max(2000).optional(),
      }),
    )
    .max(50)
    .nullable()
    .optional(),
  skills: z.array(text(60)).max(100).optional(),
  socialLinks: socialLinks.nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag like en or de-AT')
    .nullable()
    .optional()
    .describe('The language of my e-mails and notices (the marketplace’s templates in it, if it has them); null: the marketplace’s language'),
});

export const profileSchema = z
  .object({
    displayName: z.string(),
    bio: z.string().nullable(),
    avatar: z.string().nullable(),
    coverImage: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    location: z.string().nullable(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    experience: z.unknown().nullable(),
    skills: z.array(z.string()),
    socialLinks: z.record(z.string(), z.string()).nullable(),
    language: z.string().nullable().describe('The language of my e-mails and notices; null: the marketplace’s'),
    completeness: z.number().int().min(0).max(100).describe('Share of the profile filled in, computed by the server'),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Profile' });

export const userSchema = z
  .object({
    id: uuid,
    email: z.string(),
    username: z.string().nullable(),
    displayName: z.string().nullable(),
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    status: z.enum(['active', 'deactivated', 'deleted']),
    lastLoginAt: isoDateTime.nullable(),
    loginCount: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'User' });

export const sessionSchema = z
  .object({
    id: uuid,
    current: z.boolean(),
    createdAt: isoDateTime,
    lastUsedAt: isoDateTime,
    expiresAt: isoDateTime,
    ipAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    twoFactorPassed: z.boolean(),
  })
  .meta({ id: 'Session' });

export const loginResponse = z.object({ token: z.string(), expiresAt: isoDateTime, user: userSchema });
export const cookieSessionResponse = z.object({
  expiresAt: isoDateTime,
  csrfToken: z.string().describe('Send it as the X-CSRF-Token header with every request that changes something'),
  user: userSchema,
});
export const currentSessionSchema = sessionSchema
  .extend({
    via: z.enum(['cookie', 'bearer']).describe('How this request was authenticated'),
    csrfToken: z.string().nullable().describe('With the session cookie: the X-CSRF-Token value for requests that change something; null with a bearer token'),
  })
  .meta({ id: 'CurrentSession' });

export function presentUser(user: UserRow, profile?: Pick<ProfileRow, 'displayName'> | null) {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: profile?.displayName ?? null,
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.twoFactorEnabled,
    status: user.deletedAt ? ('deleted' as const) : user.deactivatedAt ? ('deactivated' as const) : ('active' as const),
    lastLoginAt: toIso(user.lastLoginAt),
    loginCount: user.loginCount,
    createdAt: toIso(user.createdAt)!,
    updatedAt: toIso(user.updatedAt)!,
  };
}

export function presentProfile(profile: ProfileRow) {
  return {
    displayName: profile.displayName,
    bio: profile.bio,
    avatar: profile.avatar,
    coverImage: profile.coverImage,
    phone: profile.phone,
    website: profile.website,
    location: profile.location,
    title: profile.title,
    company: profile.company,
    experience: profile.experience ?? null,
    skills: profile.skills,
    socialLinks: profile.socialLinks ?? null,
    language: profile.language ?? null,
    completeness: profile.completeness,
    updatedAt: toIso(profile.updatedAt)!,
  };
}

/** A session as its owner sees it; `current` marks the one making the request. */
export function presentSession(s: SessionRow, currentSessionId?: string) {
  return {
    id: s.id,
    current: s.id === currentSessionId,
    createdAt: s.createdAt.toISOString(),
    lastUsedAt: s.lastUsedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ipAddress: s.ipAddress,
    userAgent: s.userAgent,
    twoFactorPassed: s.twoFactorPassed,
  };
}
