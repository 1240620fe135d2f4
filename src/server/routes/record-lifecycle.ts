import type { Server, ServerOptions } from '../types.ts';

/** Renaming master records (their approval history and restrictions move along). */
export function registerRecordLifecycleRoutes(_server: Server, _options: ServerOptions): void {}
