import { invalid, notFound } from '../shared/errors.ts';
import type {
  EventDefinition,
  InstanceArchivedHook,
  RecordTableDefinition,
  ResponseDefinition,
  WorkflowModule,
  WorkflowTableRelation,
} from './registry-types.ts';

const CODE_PATTERN = /^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$/;

/**
 * The catalogue of record tables, events, responses and workflow table relations. Modules fill
 * it through `use`; the engine, the designer and validation read it.
 */
export class Registry {
  readonly #tables = new Map<string, RecordTableDefinition>();
  readonly #events = new Map<string, EventDefinition>();
  readonly #responses = new Map<string, ResponseDefinition>();
  readonly #relations: WorkflowTableRelation[] = [];
  readonly #modules: string[] = [];
  readonly #archivedHooks: InstanceArchivedHook[] = [];

  use(module: WorkflowModule): this {
    if (this.#modules.includes(module.name)) {
      throw invalid('registry-module-duplicate', `Module "${module.name}" is registered already.`);
    }
    // Check everything first so a faulty module leaves the registry as it was.
    const tables = module.tables ?? [];
    const events = module.events ?? [];
    const responses = module.responses ?? [];
    const tableNames = new Set([...this.#tables.keys(), ...tables.map((t) => t.name)]);
    for (const table of tables) this.#checkTable(table);
    this.#checkUnique(
      'table',
      tables.map((t) => t.name),
      this.#tables,
    );
    this.#checkUnique(
      'event',
      events.map((e) => e.code),
      this.#events,
    );
    this.#checkUnique(
      'response',
      responses.map((r) => r.code),
      this.#responses,
    );
    this.#checkDescriptions('event', events, [...this.#events.values()]);
    this.#checkDescriptions('response', responses, [...this.#responses.values()]);
    for (const event of events) {
      checkCode('event', event.code);
      if (!tableNames.has(event.table)) {
        throw invalid(
          'registry-table-unknown',
          `Event "${event.code}" names table "${event.table}", which is not registered.`,
        );
      }
    }
    for (const response of responses) {
      checkCode('response', response.code);
      if (response.table !== undefined && !tableNames.has(response.table)) {
        throw invalid(
          'registry-table-unknown',
          `Response "${response.code}" names table "${response.table}", which is not registered.`,
        );
      }
    }
    const allTables = new Map([...this.#tables, ...tables.map((t) => [t.name, t] as const)]);
    for (const table of tables) {
      for (const relation of table.relations ?? []) {
        const target = allTables.get(relation.table);
        if (!target?.findWhere) {
          throw invalid(
            'registry-relation-invalid',
            `Table "${table.name}" relates to "${relation.table}", which is not registered or cannot look up its rows (findWhere).`,
          );
        }
        for (const [from, to] of relation.fields) {
          if (!table.fields.some((f) => f.name === from) || !target.fields.some((f) => f.name === to)) {
            throw invalid(
              'registry-relation-invalid',
              `The relation ${table.name} → ${relation.table} names a field neither table has.`,
            );
          }
        }
      }
    }
    for (const relation of module.tableRelations ?? []) {
      for (const name of [relation.from, relation.to]) {
        if (!tableNames.has(name)) {
          throw invalid('registry-table-unknown', `A table relation names table "${name}", which is not registered.`);
        }
      }
    }
    const eventCodes = new Set([...this.#events.keys(), ...events.map((e) => e.code)]);
    const responseCodes = new Set([...this.#responses.keys(), ...responses.map((r) => r.code)]);
    for (const combination of module.combinations ?? []) {
      if (!eventCodes.has(combination.code) && !responseCodes.has(combination.code)) {
        throw invalid(
          'registry-combination-invalid',
          `A combination names "${combination.code}", which is neither a registered event nor a response.`,
        );
      }
      const unknown = combination.after.find((code) => !eventCodes.has(code));
      if (unknown !== undefined) {
        throw invalid(
          'registry-combination-invalid',
          `A combination lets "${combination.code}" follow "${unknown}", which is not a registered event.`,
        );
      }
    }
    for (const table of tables) this.#tables.set(table.name, table);
    for (const event of events) this.#events.set(event.code, event);
    for (const response of responses) this.#responses.set(response.code, response);
    for (const { code, after } of module.combinations ?? []) {
      const event = this.#events.get(code);
      if (event?.predecessors?.length) {
        this.#events.set(code, { ...event, predecessors: unique([...event.predecessors, ...after]) });
      }
      const response = this.#responses.get(code);
      if (response?.predecessors?.length) {
        this.#responses.set(code, { ...response, predecessors: unique([...response.predecessors, ...after]) });
      }
    }
    this.#relations.push(...(module.tableRelations ?? []));
    if (module.onInstanceArchived) this.#archivedHooks.push(module.onInstanceArchived);
    this.#modules.push(module.name);
    return this;
  }

  /** What modules want done when an instance finishes (e.g. tell webhook subscribers). */
  get instanceArchivedHooks(): readonly InstanceArchivedHook[] {
    return this.#archivedHooks;
  }

  get modules(): readonly string[] {
    return this.#modules;
  }

  table(name: string): RecordTableDefinition {
    const table = this.#tables.get(name);
    if (!table) throw notFound('table-unknown', `No record table "${name}" is registered.`, { table: name });
    return table;
  }

  hasTable(name: string): boolean {
    return this.#tables.has(name);
  }

  event(code: string): EventDefinition {
    const event = this.#events.get(code);
    if (!event) throw invalid('event-unknown', `No workflow event "${code}" is registered.`, { event: code });
    return event;
  }

  findEvent(code: string): EventDefinition | undefined {
    return this.#events.get(code);
  }

  response(code: string): ResponseDefinition {
    const response = this.#responses.get(code);
    if (!response)
      throw invalid('response-unknown', `No workflow response "${code}" is registered.`, { response: code });
    return response;
  }

  findResponse(code: string): ResponseDefinition | undefined {
    return this.#responses.get(code);
  }

  get tables(): readonly RecordTableDefinition[] {
    return [...this.#tables.values()];
  }

  get events(): readonly EventDefinition[] {
    return [...this.#events.values()];
  }

  get responses(): readonly ResponseDefinition[] {
    return [...this.#responses.values()];
  }

  /** Workflow table relations from `table` (for following an instance to related records). */
  relationsFrom(table: string): readonly WorkflowTableRelation[] {
    return this.#relations.filter((r) => r.from === table);
  }

  relationsTo(table: string): readonly WorkflowTableRelation[] {
    return this.#relations.filter((r) => r.to === table);
  }

  hasRelation(from: string, to: string): boolean {
    return this.#relations.some((r) => r.from === from && r.to === to);
  }

  /** Events the designer offers under a step whose nearest event ancestor is `parentEvent`. */
  eventsAllowedAfter(parentEvent: string | undefined): readonly EventDefinition[] {
    return this.events.filter((e) => isAllowedAfter(e.predecessors, parentEvent));
  }

  responsesAllowedAfter(parentEvent: string | undefined): readonly ResponseDefinition[] {
    return this.responses.filter((r) => isAllowedAfter(r.predecessors, parentEvent));
  }

  #checkTable(table: RecordTableDefinition): void {
    checkCode('table', table.name);
    const fields = new Set<string>();
    for (const field of table.fields) {
      if (fields.has(field.name)) {
        throw invalid('registry-field-duplicate', `Table "${table.name}" declares field "${field.name}" twice.`);
      }
      if (field.type === 'option' && (field.options ?? []).length === 0) {
        throw invalid(
          'registry-field-invalid',
          `Option field "${field.name}" of table "${table.name}" lists no options.`,
        );
      }
      fields.add(field.name);
    }
    for (const key of table.key) {
      if (!fields.has(key)) {
        throw invalid(
          'registry-field-unknown',
          `Key field "${key}" of table "${table.name}" is not one of its fields.`,
        );
      }
    }
  }

  #checkUnique(kind: string, codes: readonly string[], existing: ReadonlyMap<string, unknown>): void {
    const seen = new Set<string>();
    for (const code of codes) {
      if (existing.has(code) || seen.has(code)) {
        throw invalid('registry-code-duplicate', `A ${kind} with code "${code}" is registered already.`, { code });
      }
      seen.add(code);
    }
  }

  #checkDescriptions(
    kind: string,
    added: readonly { code: string; description: string }[],
    existing: readonly { code: string; description: string }[],
  ): void {
    const seen = new Map(existing.map((e) => [e.description, e.code]));
    for (const item of added) {
      const other = seen.get(item.description);
      if (other !== undefined) {
        throw invalid(
          'registry-description-duplicate',
          `The ${kind} "${item.code}" has the same description as "${other}"; designers could not tell them apart.`,
        );
      }
      seen.set(item.description, item.code);
    }
  }
}

function unique(codes: readonly string[]): string[] {
  return [...new Set(codes)];
}

function isAllowedAfter(predecessors: readonly string[] | undefined, parentEvent: string | undefined): boolean {
  if (!predecessors || predecessors.length === 0) return true;
  return parentEvent !== undefined && predecessors.includes(parentEvent);
}

function checkCode(kind: string, code: string): void {
  if (!CODE_PATTERN.test(code)) {
    throw invalid(
      'registry-code-invalid',
      `The ${kind} code "${code}" is not valid: use lower-case words joined by "-" or ".".`,
    );
  }
}

export function createRegistry(...modules: WorkflowModule[]): Registry {
  const registry = new Registry();
  for (const module of modules) registry.use(module);
  return registry;
}
