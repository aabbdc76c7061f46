import { z } from 'zod';

export const blockCreateSchema = z.strictObject({ userId: z.uuid({ message: 'must be a UUID' }).describe('The person to block') }).meta({ id: 'BlockInput' });
export type BlockCreateInput = z.input<typeof blockCreateSchema>;

export const blockResponse = z.object({ userId: z.uuid(), blockedAt: z.iso.datetime({ offset: true }) }).meta({ id: 'Block' });
