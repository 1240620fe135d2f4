/**
 * What differs between the two databases, declared once. Code outside `src/db` asks these
 * questions instead of testing the dialect name.
 */
export type DialectName = 'sqlite' | 'postgres';

export interface DialectCapabilities {
  readonly name: DialectName;
  /** Row locks (`SELECT … FOR UPDATE`); SQLite serialises writers instead. */
  readonly rowLocks: boolean;
  /** `FOR UPDATE SKIP LOCKED` for job claiming by several processes. */
  readonly skipLocked: boolean;
  /** Several processes may share the database. */
  readonly multiProcess: boolean;
}

export const CAPABILITIES: Readonly<Record<DialectName, DialectCapabilities>> = {
  sqlite: { name: 'sqlite', rowLocks: false, skipLocked: false, multiProcess: false },
  postgres: { name: 'postgres', rowLocks: true, skipLocked: true, multiProcess: true },
};
