import { userMessage, type Entity, type UserMessage } from './messages.js';

/**
 * Failures the domain and repositories report. The HTTP layer maps each code to one
 * status and an RFC 9457 problem; nothing else decides statuses.
 */
export type DomainErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'rule_violation'
  | 'precondition_failed'
  | 'precondition_required'
  | 'too_many_requests'
  /** The server is fine but has no room for this work now; come back after `retryAfter` seconds. */
  | 'busy';

export interface FieldError {
  /** Where the bad value came from. */
  in: 'body' | 'querystring' | 'params' | 'headers';
  /** JSON pointer to the field, e.g. `/phases/1/start`. */
  pointer: string;
  message: string;
}

export interface DomainErrorOptions {
  /** Per-field errors of a `validation` failure. */
  errors?: FieldError[];
  /** Extra members of the problem body, e.g. the current representation on a failed precondition. */
  extensions?: Record<string, unknown>;
  /** What the user reads, by code (see messages.ts); without one the problem's kind decides. */
  userMessage?: UserMessage;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;
  readonly userMessage?: UserMessage;

  /**
   * @param detail English, for logs and scripts; users read the text of `userMessage`.
   * @param options the options, or (the older form) the field errors, followed by the extensions
   * @example new DomainError('conflict', 'the last admin cannot be removed', { userMessage: userMessage('last_admin') })
   */
  constructor(code: DomainErrorCode, detail: string, options?: DomainErrorOptions | FieldError[], extensions?: Record<string, unknown>) {
    super(detail);
    this.name = 'DomainError';
    const given: DomainErrorOptions = Array.isArray(options) ? { errors: options, extensions } : { extensions, ...options };
    if (given.errors) this.errors = given.errors;
    if (given.extensions) this.extensions = given.extensions;
    if (given.userMessage) this.userMessage = given.userMessage;
    this.code = code;
  }
}

export function notFound(entity: Entity, id: string): DomainError {
  return new DomainError('not_found', `${entity} '${id}' does not exist`, { userMessage: userMessage('entity_not_found', { entity, id }) });
}

/** Turns a path like `['phases', 1, 'start']` into the JSON pointer `/phases/1/start`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return '/' + path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[] | undefined;
}

/** A zod failure as the per-field errors of a 400 problem; each unknown field gets its own line. */
export function fieldErrorsFromZod(issues: readonly IssueLike[], location: FieldError['in']): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? issue.keys.map((key) => ({ in: location, pointer: toPointer([...issue.path, key]), message: `unknown field '${key}'` }))
      : [{ in: location, pointer: toPointer(issue.path), message: issue.message }],
  );
}
