import { z } from 'zod';

/** Shared response pieces; every route's schemas are also its OpenAPI description. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable machine-readable error code'),
    detail: z.string(),
    field: z.string().optional(),
  })
  .passthrough()
  .describe('An application/problem+json error');

export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  412: problemSchema,
  413: problemSchema,
  429: problemSchema,
} as const;

export const companyParams = z.object({ company: z.string().min(1).max(30).describe('Company code') });

export const okSchema = z.object({ ok: z.literal(true) });

/** Paging for lists: `limit` (default 50, at most 500) and `offset`. */
export const pagingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export function page<T>(items: readonly T[], paging: { limit: number; offset: number }) {
  return {
    items: items.slice(paging.offset, paging.offset + paging.limit),
    total: items.length,
    limit: paging.limit,
    offset: paging.offset,
  };
}

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
