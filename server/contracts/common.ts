import { z } from 'zod';
import { isPlanningMonth, MONTH_PATTERN, parseMonth } from '../domain/months.js';

/** Client-chosen ids of parties and areas: lowercase letters, digits and single dashes. */
export const Slug = z
  .string()
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase letters, digits and dashes, e.g. sterke-lekdijk');

export const MonthText = z
  .string()
  .regex(MONTH_PATTERN, { message: 'expected a month as YYYY-MM', abort: true })
  .refine((text) => isPlanningMonth(parseMonth(text) ?? NaN), 'month must lie between 2000-01 and 2100-12')
  .meta({ example: '2030-01' });

export const TimestampText = z.string().meta({ description: 'ISO 8601 timestamp (UTC)' });

/** One line of a 400 problem: which input, which field, what is wrong. */
export const FieldErrorSchema = z.object({
  in: z.enum(['body', 'querystring', 'params', 'headers']),
  pointer: z.string(),
  message: z.string(),
});

/** RFC 9457 problem details, as every error of the API is answered. */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  requestId: z.string(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
