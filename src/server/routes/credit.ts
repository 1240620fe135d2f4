import type { Server, ServerOptions } from '../types.ts';

/** Customer credit information (credit limit, balance, outstanding, available credit). */
export function registerCreditRoutes(_server: Server, _options: ServerOptions): void {}
