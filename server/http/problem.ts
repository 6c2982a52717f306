import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { STATUS_CODES } from 'node:http';
import type { Problem } from '../contracts/common.js';
import { StoredSnapshotContentError } from '../contracts/snapshot-content/index.js';
import { constraintViolationOf, isUnstorableText, type ConstraintViolation } from '../db/constraint-errors.js';
import { announceStorageState, storageFailureOf } from '../db/storage-health.js';
import { DomainError, fieldErrorsFromZod, type DomainErrorCode, type FieldError } from '../domain/errors.js';
import { userMessage, type MessageCode, type UserMessage } from '../domain/messages.js';

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  rule_violation: 422,
  precondition_required: 428,
  too_many_requests: 429,
  busy: 503,
};

/**
 * How long a client should wait before retrying a write the database could not store: long
 * enough not to hammer a full disk, short enough to notice an operator freeing space.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 30;

const STORAGE_DETAIL = {
  full: 'the database has no room to store this change, so it was not saved; try again later',
  unavailable: 'the database cannot store changes right now, so this change was not saved; try again later',
} as const;

/** What already exists when a unique constraint refuses a row, per table. */
const TAKEN: Record<string, { detail: string; message: MessageCode }> = {
  areas: { detail: 'an area with this id already exists', message: 'area_taken' },
  parties: { detail: 'a party with this id already exists', message: 'party_taken' },
  users: { detail: 'a user with this email already exists', message: 'user_email_taken' },
  capacity_rules: { detail: 'this party already has a capacity rule for this programme', message: 'capacity_rule_taken' },
  tasks: { detail: 'this party already has a task with this externalRef', message: 'task_ref_taken' },
  area_directors: { detail: 'this user already directs this area', message: 'area_director_taken' },
};

function constraintProblem(request: FastifyRequest, violation: ConstraintViolation): Problem {
  if (violation.kind === 'unique') {
    const taken = TAKEN[violation.table ?? ''] ?? { detail: 'this already exists', message: 'already_exists' };
    return problem(request, 409, 'conflict', taken.detail, undefined, { constraint: 'unique' }, { code: taken.message, params: {} });
  }
  if (violation.kind === 'foreign_key') {
    return problem(
      request,
      409,
      'conflict',
      'it refers to something that does not exist (any more), or something else still refers to it',
      undefined,
      { constraint: 'foreign_key' },
      userMessage('reference_conflict'),
    );
  }
  return problem(request, 422, 'rule_violation', 'a value breaks a rule of the database', undefined, { constraint: violation.kind }, userMessage('database_rule'));
}

/** What a problem says to its reader when its thrower chose nothing more specific: one message per kind. */
const MESSAGE_BY_PROBLEM_CODE: Record<string, MessageCode> = {
  validation: 'invalid_input',
  bad_request: 'invalid_input',
  unauthorized: 'sign_in_required',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  precondition_failed: 'changed_meanwhile',
  precondition_required: 'version_required',
  rule_violation: 'rule_violation',
  too_many_requests: 'too_many_requests',
  payload_too_large: 'request_too_large',
  unsupported_media_type: 'unsupported_media_type',
  storage_full: 'storage_full',
  storage_unavailable: 'storage_unavailable',
  internal: 'internal_error',
};

function defaultMessage(status: number, code: string, errors: FieldError[] | undefined): UserMessage {
  if (errors && errors.length > 0) return userMessage('invalid_fields', { count: errors.length });
  return { code: MESSAGE_BY_PROBLEM_CODE[code] ?? (status >= 500 ? 'internal_error' : 'request_refused'), params: {} };
}

function codeFromStatus(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
}

export function problem(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extensions: Record<string, unknown> = {},
  message: UserMessage = defaultMessage(status, code, errors),
): Problem {
  return {
    ...extensions,
    type: `urn:gebiedsplanner:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.url,
    code,
    requestId: request.id,
    messageCode: message.code,
    messageParams: message.params,
    ...(errors ? { errors } : {}),
  };
}

/**
 * Turns any thrown error into an RFC 9457 problem: schema failures become a 400 with one
 * entry per field, domain errors their mapped status, Fastify's own 4xx keep their status,
 * a full or unwritable database a 503 with Retry-After (the request was fine; the server
 * will be again), and everything else a 500 whose detail reveals nothing of the internals.
 */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = ((error as FastifyError).validationContext ?? 'body') as FieldError['in'];
    const issues = error.validation.map((entry) => ({
      code: entry.keyword,
      path: entry.instancePath.split('/').slice(1).filter((part) => part !== ''),
      message: entry.message ?? 'invalid value',
      keys: (entry.params as { keys?: string[] }).keys,
    }));
    return problem(request, 400, 'validation', `the request ${location} is not valid`, fieldErrorsFromZod(issues, location));
  }
  // A stored snapshot that cannot be read is the operator's to hear about, not only the user's.
  if (error instanceof StoredSnapshotContentError) {
    request.log.error({ err: error, snapshotId: error.snapshotId }, 'stored snapshot content unreadable');
    const message = userMessage('snapshot_unreadable', { snapshotId: error.snapshotId ?? '' });
    return problem(request, STATUS_BY_CODE[error.code], error.code, error.message, error.errors, error.extensions, error.userMessage ?? message);
  }
  if (error instanceof DomainError) {
    return problem(request, STATUS_BY_CODE[error.code], error.code, error.message, error.errors, error.extensions, error.userMessage);
  }
  const status = (error as Partial<FastifyError> | null)?.statusCode;
  if (error instanceof Error && status !== undefined && status >= 400 && status < 500) {
    return problem(request, status, codeFromStatus(status), error.message);
  }
  const violation = constraintViolationOf(error);
  if (violation) return constraintProblem(request, violation);
  if (isUnstorableText(error)) return problem(request, 400, 'validation', 'text may not contain NUL characters', undefined, {}, userMessage('text_has_nul'));
  const storage = storageFailureOf(error);
  if (storage) {
    // One outage fails every write; its cause is logged once, not once per request.
    announceStorageState(request.log);
    return problem(request, 503, storage === 'full' ? 'storage_full' : 'storage_unavailable', STORAGE_DETAIL[storage], undefined, {
      retryAfter: STORAGE_RETRY_AFTER_SECONDS,
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem(request, 500, 'internal', 'something went wrong on the server; the request id helps to find it in the logs');
}

/** Sends a problem; one that carries `retryAfter` (seconds) also gets it as the Retry-After header. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (typeof body.retryAfter === 'number') reply.header('retry-after', String(body.retryAfter));
  return reply.code(body.status).type('application/problem+json').send(body);
}
