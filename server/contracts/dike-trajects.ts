import { z } from 'zod';

/** A legal norm as a return period: 1/30.000 per year is `{ returnPeriodYears: 30000, label: '1/30.000' }`. */
export const NormSchema = z.object({
  returnPeriodYears: z.int().positive(),
  label: z.string(),
  perYear: z.number().positive(),
});

export const DikeTrajectSchema = z.object({
  id: z.string(),
  dijkring: z.string(),
  normType: z.string(),
  signalingValue: NormSchema.nullable().meta({ description: 'signaleringswaarde; null where the national table holds 0' }),
  lowerLimit: NormSchema.nullable().meta({ description: 'ondergrens, the legal standard to meet by 2050; null where the table holds 0' }),
  lengthKm: z.number().nullable(),
  type: z.string().nullable(),
  waterBoards: z.array(z.string()),
  nbpwVersion: z.int(),
  registeredOn: z.string(),
  remark: z.string().nullable(),
});
export type DikeTraject = z.infer<typeof DikeTrajectSchema>;

export const DikeTrajectParams = z.object({ trajectId: z.string().max(20) });
