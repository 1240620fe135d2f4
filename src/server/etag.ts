import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalid } from '../shared/errors.ts';

/**
 * Optimistic concurrency over HTTP: records with a revision answer with `ETag: "<revision>"`;
 * a change or delete may send it back as `If-Match`, and the record layer refuses a stale one
 * (`…-revision-stale`, which the server answers with 412).
 */
export function setEtag(reply: FastifyReply, revision: number): void {
  reply.header('etag', `"${revision}"`);
}

/** Request headers of routes that honour `If-Match`; other headers pass through untouched. */
export const ifMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .optional()
    .describe('The ETag of the revision you changed, e.g. "3"; a stale one is refused with 412'),
});

/**
 * The revision `If-Match` names: undefined when there is no header or it is `*` (any revision).
 * Strong (`"3"`) and weak (`W/"3"`) tags and a bare number are accepted.
 */
export function expectedRevision(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const text = String(header).trim();
  if (text === '*') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(text) ?? /^(\d{1,15})$/.exec(text);
  if (!match) {
    throw invalid('if-match-invalid', `If-Match "${text}" is not an ETag of this API, such as "3".`, {
      field: 'If-Match',
    });
  }
  return Number(match[1]);
}

/** For records without a revision: an `If-Match` cannot be checked, so it is refused rather than ignored. */
export function refuseIfMatch(request: FastifyRequest, what: string): void {
  if (request.headers['if-match'] !== undefined) {
    throw invalid('if-match-unsupported', `${what} have no revision, so If-Match cannot be checked; leave it out.`, {
      field: 'If-Match',
    });
  }
}
