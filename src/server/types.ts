import type { IncomingMessage, ServerResponse } from 'node:http';
import type {} from '@fastify/cookie';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Werkstroom } from '../app/werkstroom.ts';

export type Server = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse<IncomingMessage>,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const TOKEN_SCOPES = ['read', 'write', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is calling: a signed-in user (session cookie) or an API token's owner. */
export interface Principal {
  readonly userId: string;
  readonly via: 'session' | 'token';
  /** Sessions may do whatever the user may; tokens are limited to their scope. */
  readonly scope: TokenScope;
  /** For sessions: the SHA-256 of the session token (binds the CSRF token). */
  readonly sessionHash?: string;
}

export interface ServerOptions {
  readonly app: Werkstroom;
  /** Signs CSRF tokens (and later email links); at least 32 characters. */
  readonly secret: string;
  readonly logger?: boolean;
  /** Mark cookies Secure (behind HTTPS). */
  readonly secureCookies?: boolean;
  /** Largest accepted request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Sign-in attempts per minute per client address (default 10). */
  readonly signInLimit?: number;
  /** Session lifetime in hours (default 12). */
  readonly sessionHours?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** Routes open to anyone (sign-in, health, the API description). */
    public?: boolean;
  }
}
