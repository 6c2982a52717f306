import { z } from 'zod';
import { Slug } from './common.js';

export const PARTY_KINDS = ['waterschap', 'rijk', 'provincie', 'gemeente', 'overig'] as const;

export const PartySchema = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(PARTY_KINDS),
});
export type Party = z.infer<typeof PartySchema>;

export const CreatePartyBody = z.strictObject(PartySchema.shape);
export type CreatePartyBody = z.infer<typeof CreatePartyBody>;
