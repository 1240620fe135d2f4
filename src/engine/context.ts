import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../db/capabilities.ts';
import type { Database } from '../db/schema.ts';
import type { SnapshotSource } from './execution/instance-store.ts';
import type { Registry } from './registry.ts';

/**
 * Everything engine code may use from the outside world. The engine never opens connections,
 * reads the environment or the system clock: the caller hands in the transaction, the time,
 * the acting user and the company.
 */
export interface EngineContext {
  readonly tx: Kysely<Database>;
  readonly now: Date;
  readonly userId: string;
  readonly companyId: number;
  readonly registry: Registry;
  readonly capabilities: DialectCapabilities;
  /** Immutable workflow snapshots, shared by every transaction on one database. */
  readonly snapshots: SnapshotSource;
}

export function isoNow(ctx: EngineContext): string {
  return ctx.now.toISOString();
}
