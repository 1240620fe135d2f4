import type { Server, ServerOptions } from '../types.ts';

/** Held field changes waiting for approval, and their history. */
export function registerRecordChangeRoutes(_server: Server, _options: ServerOptions): void {}
