import type { FastifyInstance } from 'fastify';
import { DomainError, toPointer, type FieldError } from '../../domain/errors.js';

/** Where a NUL character hides in a parsed value, as JSON pointer paths. */
function nulPaths(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, [...path, index], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
  }
  return found;
}

/**
 * Refuses text with NUL characters in paths, query strings and JSON bodies on both databases
 * alike: PostgreSQL cannot store them, and no user means one.
 */
export function registerNulTextRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const errors: FieldError[] = [];
    for (const [location, value] of [['params', request.params], ['querystring', request.query], ['body', request.body]] as const) {
      for (const path of nulPaths(value)) errors.push({ in: location, pointer: toPointer(path), message: 'text may not contain NUL characters' });
    }
    if (errors.length > 0) throw new DomainError('validation', 'the request holds text with NUL characters', errors);
  });
}
