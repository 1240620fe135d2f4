import type { Server, ServerOptions } from '../types.ts';

/** Customer credit information and held field changes. */
export function registerCreditAndChangeRoutes(_server: Server, _options: ServerOptions): void {}
