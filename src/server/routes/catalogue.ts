import { z } from 'zod';
import { FIELD_TYPES } from '../../engine/field-types.ts';
import type { Registry } from '../../engine/registry.ts';
import type { ResponseDefinition } from '../../engine/registry-types.ts';
import { invalid } from '../../shared/errors.ts';
import { companyParams, errorResponses } from '../schemas.ts';
import { inCompany } from '../scope.ts';
import type { Server, ServerOptions } from '../types.ts';

const BASE = '/api/v1/companies/:company/catalogue';

const afterQuery = z.object({
  after: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('An event code: list only what the designer may offer under a step after this event'),
});

const eventSchema = z.object({
  code: z.string(),
  table: z.string(),
  description: z.string().describe('What happened, shown after "When"'),
  predecessors: z
    .array(z.string())
    .describe('Events this one may follow; empty means any, and it may start a workflow'),
  usedForRecordChange: z.boolean().describe('Record-change events use field-change rules'),
});

const responseSchema = z.object({
  code: z.string(),
  description: z.string().describe('What it does, shown after "Then"; {option} placeholders are filled in'),
  table: z.string().nullable().describe('The table it works on; null for any'),
  predecessors: z.array(z.string()).describe('Events it may follow; empty means any'),
  requires: z.array(z.string()).describe('Responses the same workflow must also contain'),
  options: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The options a step sets, as JSON Schema (draft 2020-12); null when it takes none'),
  mandatoryWhenEmpty: z
    .array(z.string())
    .describe('Options that must be filled before a workflow with this response can be enabled, if none are set'),
});

const tableSchema = z.object({
  name: z.string(),
  caption: z.string(),
  key: z.array(z.string()),
  fields: z.array(
    z.object({
      name: z.string(),
      type: z.enum(FIELD_TYPES),
      caption: z.string(),
      options: z.array(z.string()).optional().describe('The values of an option field'),
    }),
  ),
  relations: z
    .array(z.object({ table: z.string(), fields: z.array(z.object({ from: z.string(), to: z.string() })) }))
    .describe('Related tables event conditions may filter on'),
});

type ResponseView = z.infer<typeof responseSchema>;

function responseView(response: ResponseDefinition): ResponseView {
  let mandatoryWhenEmpty: readonly string[] = [];
  if (response.missingOptions) {
    const empty = response.options ? response.options.safeParse({}) : { success: true as const, data: {} };
    if (empty.success) mandatoryWhenEmpty = response.missingOptions(empty.data);
  }
  return {
    code: response.code,
    description: response.description,
    table: response.table ?? null,
    predecessors: [...(response.predecessors ?? [])],
    requires: [...(response.requires ?? [])],
    options: response.options
      ? (z.toJSONSchema(response.options, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>)
      : null,
    mandatoryWhenEmpty: [...mandatoryWhenEmpty],
  };
}

/** Checks `?after=`: an unknown event would silently offer everything, so it is refused. */
function afterEvent(registry: Registry, after: string | undefined): string | undefined {
  if (after !== undefined && !registry.findEvent(after)) {
    throw invalid('event-unknown', `No workflow event "${after}" is registered.`, { field: 'after' });
  }
  return after;
}

/** What the workflow designer may choose from: events, responses and record tables. */
export function registerCatalogueRoutes(server: Server, options: ServerOptions): void {
  const { registry } = options.app;
  // The registry is fixed once the app is open; JSON Schemas are built once.
  let responses: Map<string, ResponseView> | undefined;
  const responseViews = () => {
    responses ??= new Map(registry.responses.map((r) => [r.code, responseView(r)]));
    return responses;
  };
  const member = (request: Parameters<typeof inCompany>[1], company: string) =>
    inCompany(options, request, company, 'read', async () => undefined);

  server.get(
    `${BASE}/events`,
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Workflow events; with ?after= only those allowed after that event',
        params: companyParams,
        querystring: afterQuery,
        response: { 200: z.array(eventSchema), ...errorResponses },
      },
    },
    async (request) => {
      await member(request, request.params.company);
      const { after } = request.query;
      const events = after === undefined ? registry.events : registry.eventsAllowedAfter(afterEvent(registry, after));
      return events.map((e) => ({
        code: e.code,
        table: e.table,
        description: e.description,
        predecessors: [...(e.predecessors ?? [])],
        usedForRecordChange: e.usedForRecordChange ?? false,
      }));
    },
  );

  server.get(
    `${BASE}/responses`,
    {
      schema: {
        tags: ['catalogue'],
        summary:
          'Workflow responses with their options as JSON Schema; with ?after= only those allowed after that event',
        params: companyParams,
        querystring: afterQuery,
        response: { 200: z.array(responseSchema), ...errorResponses },
      },
    },
    async (request) => {
      await member(request, request.params.company);
      const { after } = request.query;
      const allowed =
        after === undefined ? registry.responses : registry.responsesAllowedAfter(afterEvent(registry, after));
      const views = responseViews();
      return allowed.map((r) => views.get(r.code) ?? responseView(r));
    },
  );

  server.get(
    `${BASE}/tables`,
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Record tables with their fields and types (for event conditions)',
        params: companyParams,
        response: { 200: z.array(tableSchema), ...errorResponses },
      },
    },
    async (request) => {
      await member(request, request.params.company);
      return registry.tables.map((t) => ({
        name: t.name,
        caption: t.caption,
        key: [...t.key],
        fields: t.fields.map((f) => ({
          name: f.name,
          type: f.type,
          caption: f.caption ?? f.name,
          ...(f.options ? { options: [...f.options] } : {}),
        })),
        relations: (t.relations ?? []).map((r) => ({
          table: r.table,
          fields: r.fields.map(([from, to]) => ({ from, to })),
        })),
      }));
    },
  );
}
