import type { Server, ServerOptions } from '../types.ts';

/** Posting, posted documents and ledger entries. */
export function registerPostingRoutes(_server: Server, _options: ServerOptions): void {}
