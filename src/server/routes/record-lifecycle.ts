import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import { renameCustomer, renameItem, renameVendor } from '../../records/index.ts';
import { expectedRevision, ifMatchHeaders, setEtag } from '../etag.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';
import { customerSchema, itemSchema, vendorSchema } from './records.ts';

interface Renamable {
  readonly path: string;
  readonly tag: string;
  readonly singular: string;
  readonly item: z.ZodType;
  readonly rename: (
    ctx: EngineContext,
    no: string,
    newNo: string,
    expectedRevision?: number,
  ) => Promise<{ readonly no: string; readonly revision: number }>;
}

const RENAMABLE: readonly Renamable[] = [
  { path: 'customers', tag: 'customers', singular: 'customer', item: customerSchema, rename: renameCustomer },
  { path: 'vendors', tag: 'vendors', singular: 'vendor', item: vendorSchema, rename: renameVendor },
  { path: 'items', tag: 'items', singular: 'item', item: itemSchema, rename: renameItem },
];

/** Renaming master records (their approval history and restrictions move along). */
export function registerRecordLifecycleRoutes(server: Server, options: ServerOptions): void {
  for (const spec of RENAMABLE) registerRename(server, options, spec);
}

function registerRename(server: Server, options: ServerOptions, spec: Renamable): void {
  server.post(
    `/api/v1/companies/:company/${spec.path}/:no/rename`,
    {
      schema: {
        tags: [spec.tag],
        summary: `Give the ${spec.singular} a new no. (If-Match: the ETag you read)`,
        description:
          `Documents, posted documents, ledger and journal entries that name the ${spec.singular} follow, and so ` +
          'do its approval entries, comments, restriction, held field changes and running workflows: a pending ' +
          'approval continues on the new no. Refused when the new no. is taken or invalid. The answer is the ' +
          'renamed record with its new revision as ETag; Content-Location is its new address.',
        params: companyParams.extend({ no: z.string().min(1).max(50).describe(`No. of the ${spec.singular}`) }),
        headers: ifMatchHeaders,
        body: z.strictObject({
          newNo: z.string().describe(`The new no.: letters, digits, ".", "_", "-" or "/"; stored upper case`),
        }),
        response: { 200: spec.item, ...errorResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedRevision(request);
      const { renamed, company } = await inCompany(
        options,
        request,
        request.params.company,
        'write',
        async (ctx, scope) => ({
          renamed: await spec.rename(ctx, request.params.no, request.body.newNo, expected),
          company: scope.company.code,
        }),
      );
      setEtag(reply, renamed.revision);
      reply.header('content-location', `/api/v1/companies/${company}/${spec.path}/${encodeURIComponent(renamed.no)}`);
      return renamed;
    },
  );
}
