/**
 * Every error Werkstroom raises on purpose carries a stable `code` (kebab-case, never reworded),
 * a human message, and where it helps the offending field or step. The server maps these to
 * problem+json; the CLI prints them; tests assert on the code, not the wording.
 */
export interface ErrorDetails {
  /** The field, option or argument the problem concerns. */
  readonly field?: string;
  /** The workflow step the problem concerns. */
  readonly stepId?: number;
  readonly [key: string]: unknown;
}

export type ErrorKind = 'invalid' | 'not-found' | 'conflict' | 'forbidden' | 'internal';

export class WerkstroomError extends Error {
  override readonly name: string = 'WerkstroomError';
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, details: ErrorDetails = {}, kind: ErrorKind = 'invalid') {
    super(message);
    this.code = code;
    this.kind = kind;
    this.details = details;
  }
}

/** Bad input: a value, a definition or a request that cannot be accepted as it is. */
export function invalid(code: string, message: string, details: ErrorDetails = {}): WerkstroomError {
  return new WerkstroomError(code, message, details, 'invalid');
}

export function notFound(code: string, message: string, details: ErrorDetails = {}): WerkstroomError {
  return new WerkstroomError(code, message, details, 'not-found');
}

/** The state changed under the caller (stale revision, already decided, locked). */
export function conflict(code: string, message: string, details: ErrorDetails = {}): WerkstroomError {
  return new WerkstroomError(code, message, details, 'conflict');
}

/** The caller is known but may not do this. */
export function forbidden(code: string, message: string, details: ErrorDetails = {}): WerkstroomError {
  return new WerkstroomError(code, message, details, 'forbidden');
}

export function isWerkstroomError(error: unknown): error is WerkstroomError {
  return error instanceof WerkstroomError;
}
