import { z } from 'zod';
import { Slug } from './common.js';

export const AreaSchema = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable(),
});
export type Area = z.infer<typeof AreaSchema>;

export const CreateAreaBody = z.strictObject({
  id: Slug,
  name: AreaSchema.shape.name,
  description: AreaSchema.shape.description.optional(),
});
export type CreateAreaBody = z.infer<typeof CreateAreaBody>;

export const PatchAreaBody = z
  .strictObject({ name: AreaSchema.shape.name, description: AreaSchema.shape.description })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type PatchAreaBody = z.infer<typeof PatchAreaBody>;

export const AreaParams = z.object({ areaId: Slug });

export const AreaDirectorSchema = z.object({ userId: z.string(), name: z.string() });
export type AreaDirector = z.infer<typeof AreaDirectorSchema>;
export const PutAreaDirectorsBody = z.strictObject({
  userIds: z
    .array(z.string().min(1).max(64))
    .max(100)
    .refine((ids) => new Set(ids).size === ids.length, 'name each director once'),
});
