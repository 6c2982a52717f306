import { z } from 'zod';
import { isPlanningMonth, MONTH_PATTERN, parseMonth } from '../domain/months.js';

export { ENTITIES, MESSAGE_CODES, MESSAGES, type Entity, type LocalizedText, type MessageCode, type MessageParam } from '../domain/messages.js';

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

const MessageParamSchema = z.union([z.string(), z.number(), z.array(z.string()), z.object({ nl: z.string(), en: z.string() })]);

/**
 * RFC 9457 problem details, as every error of the API is answered. `detail` is English, for
 * logs and scripts; what a user reads is chosen by `messageCode` and filled in from
 * `messageParams`, so a client shows it in its own language.
 */
export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string(),
  requestId: z.string(),
  messageCode: z
    .string()
    .optional()
    .meta({ description: 'what the user reads, by code (a client shows `detail` for a code it does not know); the server always sends one' }),
  messageParams: z.record(z.string(), MessageParamSchema).optional().meta({ description: "the values of the message's placeholders" }),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
