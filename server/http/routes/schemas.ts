import type { z } from 'zod';
import { ProblemSchema } from '../../contracts/common.js';

/** Documents the problem answers a route can give (and always 500), next to its success schemas. */
export function withProblems<T extends Record<number, z.ZodType>, S extends number = never>(
  success: T,
  ...statuses: S[]
): T & Record<S | 500, typeof ProblemSchema> {
  const problems = Object.fromEntries([...statuses, 500].map((status) => [status, ProblemSchema]));
  return { ...problems, ...success } as T & Record<S | 500, typeof ProblemSchema>;
}
