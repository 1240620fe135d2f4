import { z } from 'zod';
import type { EngineContext } from '../../engine/context.ts';
import type { FieldDefinition } from '../../engine/field-types.ts';
import {
  describeChange,
  getChange,
  listChanges,
  RECORD_CHANGE_STATUSES,
  type RecordChange,
} from '../../record-changes/index.ts';
import { describeRecord } from '../../records/index.ts';
import { listPage, listQuerySchema } from '../list-query.ts';
import { companyParams, errorResponses, pageOf } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const recordChangeSchema = z.object({
  id: z.number().int(),
  table: z.string().describe('The record table: customer, vendor or item'),
  recordKey: z.string().describe('The record key, e.g. C10000'),
  record: z.string().describe('The record in words, e.g. "Customer C10000"'),
  field: z.string().describe('The field whose change is held, e.g. creditLimitLcy'),
  fieldCaption: z.string(),
  oldValue: z.string().describe('The value before the change: what the record shows while the change is held'),
  newValue: z.string().describe('The value waiting for approval'),
  details: z.string().describe('The change in words, e.g. "Credit limit (LCY) changed from 1000 to 5000"'),
  instanceId: z.string().describe('The workflow instance that holds the change'),
  workflowCode: z.string(),
  status: z
    .enum(RECORD_CHANGE_STATUSES)
    .describe(
      'held: waiting; applied: written on approval; discarded: dropped; not-applied: the workflow ended while the field had changed meanwhile',
    ),
  active: z.boolean().describe('Still held (neither applied nor discarded)'),
  createdAt: z.string(),
  createdBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string(),
});

const RECORD_CHANGE_FIELDS: readonly FieldDefinition[] = [
  { name: 'id', type: 'integer', caption: 'Entry no.' },
  { name: 'table', type: 'text', caption: 'Table' },
  { name: 'recordKey', type: 'text', caption: 'Record' },
  { name: 'field', type: 'text', caption: 'Field' },
  { name: 'instanceId', type: 'text', caption: 'Workflow instance' },
  { name: 'workflowCode', type: 'code', caption: 'Workflow' },
  { name: 'status', type: 'option', caption: 'Status', options: RECORD_CHANGE_STATUSES },
  { name: 'active', type: 'boolean', caption: 'Active' },
  { name: 'createdAt', type: 'datetime', caption: 'Created at' },
  { name: 'createdBy', type: 'code', caption: 'Created by' },
];

function changeView(ctx: EngineContext, change: RecordChange): z.infer<typeof recordChangeSchema> {
  return { ...change, record: describeRecord(ctx, change.table, change.recordKey), details: describeChange(change) };
}

/** Held field changes waiting for approval, and their history. */
export function registerRecordChangeRoutes(server: Server, options: ServerOptions): void {
  const tags = ['record changes'];
  const base = '/api/v1/companies/:company/record-changes';

  server.get(
    base,
    {
      schema: {
        tags,
        summary: 'Field changes held by workflows until approved, and the applied or discarded ones',
        description:
          'Oldest first. Filter with filter[table]=customer, filter[recordKey]=C10000, filter[active]=true (held ones only), filter[status]=applied, …',
        params: companyParams,
        querystring: listQuerySchema(RECORD_CHANGE_FIELDS),
        response: { 200: pageOf(recordChangeSchema), ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) => {
        const rows = (await listChanges(ctx)).map((change) => changeView(ctx, change));
        return listPage(rows, request.query, { table: 'record change', fields: RECORD_CHANGE_FIELDS });
      }),
  );

  server.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One held field change',
        params: companyParams.extend({ id: z.coerce.number().int().positive().describe('Entry no. of the change') }),
        response: { 200: recordChangeSchema, ...errorResponses },
      },
    },
    async (request) =>
      inCompany(options, request, request.params.company, 'read', async (ctx) =>
        changeView(ctx, await getChange(ctx, request.params.id)),
      ),
  );
}
