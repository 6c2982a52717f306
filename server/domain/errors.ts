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
  | 'too_many_requests';

export interface FieldError {
  /** Where the bad value came from. */
  in: 'body' | 'querystring' | 'params' | 'headers';
  /** JSON pointer to the field, e.g. `/phases/1/start`. */
  pointer: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** Extra members of the problem body, e.g. the current representation on a failed precondition. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(entity: string, id: string): DomainError {
  return new DomainError('not_found', `${entity} '${id}' does not exist`);
}

/** Turns a path like `['phases', 1, 'start']` into the JSON pointer `/phases/1/start`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return '/' + path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}
