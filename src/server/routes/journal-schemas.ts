import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ACCOUNT_TYPES } from '../../journals/index.ts';
import { setEtag } from '../etag.ts';
import { companyParams } from '../schemas.ts';

/** Paths, tags, field schemas and helpers shared by the route files of general journals (journal-*.ts, journals.ts). */

export const COMPANY = '/api/v1/companies/:company';
export const TEMPLATES = `${COMPANY}/journal-templates`;
export const TEMPLATE = `${TEMPLATES}/:template`;
export const BATCHES = `${TEMPLATE}/batches`;
export const BATCH = `${BATCHES}/:batch`;
export const LINES = `${BATCH}/lines`;
export const LINE = `${LINES}/:lineNo`;

export const ACCOUNT_TAG = 'ledger accounts';
export const JOURNAL_TAG = 'general journals';

export const code = (what: string) => z.string().min(1).max(20).describe(what);
export const decimal = (what: string) => z.string().describe(`${what}: an exact decimal as text, e.g. "1250.00"`);
export const revision = z.number().int().describe('Revision; the ETag of the record');
export const accountType = z.enum(ACCOUNT_TYPES);
export const balAccountType = z.union([accountType, z.literal('')]).describe('Blank for no balancing account');

export const templateParams = companyParams.extend({ template: code('Journal template name') });
export const batchParams = templateParams.extend({ batch: code('Journal batch name') });
export const lineParams = batchParams.extend({ lineNo: z.coerce.number().int().min(1).describe('Line no.') });

/** Runs a command and answers with the result, its revision as ETag. */
export async function withEtag<T extends { revision: number }>(reply: FastifyReply, result: Promise<T>): Promise<T> {
  const value = await result;
  setEtag(reply, value.revision);
  return value;
}
