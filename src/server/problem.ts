import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorKind, isWerkstroomError } from '../shared/errors.ts';

/** An RFC 9457 problem with Werkstroom's stable `code` and, where known, the offending field. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly field?: string;
  readonly [key: string]: unknown;
}

const STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  internal: 500,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
};

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return {
    type: `https://werkstroom.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

export function sendProblem(reply: FastifyReply, value: Problem): FastifyReply {
  return reply.code(value.status).type('application/problem+json').send(value);
}

/** One place maps every error to problem+json; unexpected errors are logged and hidden. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (isWerkstroomError(error)) {
    const { field, stepId, ...rest } = error.details;
    const status =
      error.code.endsWith('-revision-stale') || error.code === 'precondition-failed' ? 412 : STATUS[error.kind];
    return problem(status, error.code, error.message, {
      ...(field !== undefined ? { field } : {}),
      ...(stepId !== undefined ? { stepId } : {}),
      ...rest,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const params = first?.params as { missingProperty?: string; keys?: string[] } | undefined;
    const field =
      first?.instancePath.replace(/^\//, '').replaceAll('/', '.') || params?.missingProperty || params?.keys?.[0];
    return problem(
      400,
      'request-invalid',
      `The request ${error.validationContext ?? 'body'} is not valid: ${first?.message ?? 'see the API description'}.`,
      {
        ...(field ? { field } : {}),
        errors: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
      },
    );
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'json-malformed', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'body-too-large', 'The request body is larger than this server accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'media-type-unsupported', 'Send the request body as application/json.');
  }
  if (fastifyError.statusCode === 429)
    return problem(429, 'rate-limited', 'Too many attempts; wait a minute and try again.');
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return problem(fastifyError.statusCode, 'request-invalid', fastifyError.message);
  }
  request.log.error({ err: error }, 'request failed');
  return problem(500, 'internal-error', 'Something went wrong on the server; the request was not carried out.');
}
