import { type DatabaseHandle, DEFAULT_DATABASE_URL, openDatabase } from '../db/connect.ts';
import { builtinModule } from '../engine/builtin-module.ts';
import type { EngineContext } from '../engine/context.ts';
import { SnapshotCache } from '../engine/execution/instance-store.ts';
import { createRegistry, type Registry } from '../engine/registry.ts';
import type { WorkflowModule } from '../engine/registry-types.ts';
import { notFound } from '../shared/errors.ts';
import { type Company, getCompany } from './companies.ts';

export interface WerkstroomOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or `postgres://…`; defaults to the embedded SQLite file. */
  readonly databaseUrl?: string;
  /** Modules beyond the built-in responses. */
  readonly modules?: readonly WorkflowModule[];
  /** The clock; tests pass a fixed one. */
  readonly clock?: () => Date;
  /** Use an already open database instead of opening one. */
  readonly database?: DatabaseHandle;
}

export interface CommandScope {
  /** Company code or id. */
  readonly company: string | number;
  readonly userId: string;
}

/**
 * The application around the engine: owns the database, the registry and the clock, and runs
 * each command in one transaction with a fresh engine context.
 */
export class Werkstroom {
  readonly database: DatabaseHandle;
  readonly registry: Registry;
  readonly clock: () => Date;
  readonly #snapshots = new SnapshotCache();
  readonly #ownsDatabase: boolean;

  constructor(database: DatabaseHandle, registry: Registry, clock: () => Date, ownsDatabase: boolean) {
    this.database = database;
    this.registry = registry;
    this.clock = clock;
    this.#ownsDatabase = ownsDatabase;
  }

  async company(code: string | number): Promise<Company> {
    if (typeof code === 'string') return getCompany(this.database.db, code);
    const row = await this.database.db.selectFrom('company').selectAll().where('id', '=', code).executeTakeFirst();
    if (!row) throw notFound('company-not-found', `No company has id ${code}.`, { field: 'company' });
    return { id: row.id, code: row.code, name: row.name, timeZone: row.time_zone };
  }

  /** Runs one command in one transaction: it commits when `command` resolves, rolls back when it throws. */
  async run<T>(scope: CommandScope, command: (ctx: EngineContext) => Promise<T>): Promise<T> {
    const company = await this.company(scope.company);
    const snapshots = this.#snapshots.scope();
    const result = await this.database.db.transaction().execute((tx) =>
      command({
        tx,
        now: this.clock(),
        userId: scope.userId,
        companyId: company.id,
        registry: this.registry,
        capabilities: this.database.capabilities,
        snapshots,
      }),
    );
    snapshots.commit();
    return result;
  }

  /**
   * Runs a command and rolls it back whatever happens: "what would this do?" (dry runs). The
   * result is returned; nothing it wrote remains.
   */
  async dryRun<T>(scope: CommandScope, command: (ctx: EngineContext) => Promise<T>): Promise<T> {
    const company = await this.company(scope.company);
    const rollback = new RollbackSignal<T>();
    try {
      await this.database.db.transaction().execute(async (tx) => {
        rollback.result = await command({
          tx,
          now: this.clock(),
          userId: scope.userId,
          companyId: company.id,
          registry: this.registry,
          capabilities: this.database.capabilities,
          snapshots: this.#snapshots.scope(),
        });
        throw rollback;
      });
    } catch (error) {
      if (error !== rollback) throw error;
    }
    return rollback.result as T;
  }

  async close(): Promise<void> {
    if (this.#ownsDatabase) await this.database.close();
  }
}

class RollbackSignal<T> extends Error {
  result: T | undefined;
}

export async function openWerkstroom(options: WerkstroomOptions = {}): Promise<Werkstroom> {
  const registry = createRegistry(builtinModule, ...(options.modules ?? []));
  const database = options.database ?? (await openDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL));
  return new Werkstroom(database, registry, options.clock ?? (() => new Date()), options.database === undefined);
}
