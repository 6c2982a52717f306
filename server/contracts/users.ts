import { z } from 'zod';
import { ROLES } from '../domain/permissions.js';
import { Slug, TimestampText } from './common.js';

export const Email = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const Password = z.string().min(8, 'a password has at least 8 characters').max(200);

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  partyId: Slug.nullable(),
  role: z.enum(ROLES),
  createdAt: TimestampText,
  updatedAt: TimestampText,
});
export type User = z.infer<typeof UserSchema>;

const RevokedCredentialsSchema = z
  .object({ sessions: z.int().nonnegative(), apiTokens: z.int().nonnegative() })
  .meta({ description: 'the sessions ended and API tokens revoked by this change: a new password or a removal ends every one' });
export const ChangedUserSchema = UserSchema.extend({ revokedCredentials: RevokedCredentialsSchema });
export const RemovedUserSchema = z.object({ id: z.string(), revokedCredentials: RevokedCredentialsSchema });

const userFields = {
  email: Email,
  name: z.string().trim().min(1).max(200),
  partyId: Slug.nullable(),
  role: z.enum(ROLES),
  password: Password,
};

export const CreateUserBody = z.strictObject(userFields);
export type CreateUserBody = z.infer<typeof CreateUserBody>;

export const PatchUserBody = z
  .strictObject(userFields)
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type PatchUserBody = z.infer<typeof PatchUserBody>;

export const UserParams = z.object({ userId: z.string().max(64) });

export const LoginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });

export const DemoAccountsSchema = z.object({
  demo: z.boolean(),
  password: z.string().nullable(),
  accounts: z.array(z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES), partyId: Slug.nullable() })),
});

export const CreateTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: TimestampText,
  lastUsedAt: TimestampText.nullable(),
  revokedAt: TimestampText.nullable(),
});
export const CreatedTokenSchema = ApiTokenSchema.extend({
  token: z.string().meta({ description: 'shown once; send as Authorization: Bearer <token>' }),
});
export const TokenParams = z.object({ tokenId: z.string().max(64) });
