import type { Server, ServerOptions } from '../types.ts';

/** General journals: templates, batches, lines, balance, posting. */
export function registerJournalRoutes(_server: Server, _options: ServerOptions): void {}
