import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../../src/app/werkstroom.ts';
import { businessModules } from '../../../src/business-modules.ts';
import { DEMO_PASSWORD } from '../../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../../src/demo/seed.ts';
import { buildServer } from '../../../src/server/build-server.ts';
import type { Server } from '../../../src/server/types.ts';

export const SECRET = 'test-secret-of-at-least-thirty-two-characters';
export const FIXED_NOW = new Date('2026-03-02T09:00:00Z');

/** A real server over a fresh in-memory SQLite database with the demo company seeded. */
export interface TestServer {
  readonly app: Werkstroom;
  readonly server: Server;
  close(): Promise<void>;
}

/** `productionSignInLimit` keeps the server's own sign-in limit (10 a minute) instead of a generous one. */
export async function startServer(options: { productionSignInLimit?: boolean } = {}): Promise<TestServer> {
  const app = await openWerkstroom({
    databaseUrl: 'sqlite::memory:',
    modules: businessModules,
    clock: () => FIXED_NOW,
  });
  await seedDemoCompany(app);
  // Most files sign in more often than the production limit of 10 a minute allows.
  const server = await buildServer({
    app,
    secret: SECRET,
    ...(options.productionSignInLimit ? {} : { signInLimit: 1000 }),
  });
  await server.ready();
  return {
    app,
    server,
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answers
  readonly body: any;
  readonly headers: LightMyRequestResponse['headers'];
  readonly raw: LightMyRequestResponse;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly headers?: Record<string, string>;
  /** Sent as the raw payload, for malformed or oversized bodies. */
  readonly rawBody?: string;
  readonly query?: Record<string, string>;
}

/** Calls the API as someone: a session (cookie + CSRF header), a bearer token, or nobody. */
export class Client {
  readonly server: Server;
  readonly headers: Record<string, string>;

  constructor(server: Server, headers: Record<string, string> = {}) {
    this.server = server;
    this.headers = headers;
  }

  async request(method: Method, url: string, body?: unknown, options: RequestOptions = {}): Promise<Reply> {
    const inject: InjectOptions = {
      method,
      url,
      headers: { ...this.headers, ...options.headers },
      ...(options.query ? { query: options.query } : {}),
    };
    if (options.rawBody !== undefined) {
      inject.payload = options.rawBody;
      inject.headers = { 'content-type': 'application/json', ...inject.headers };
    } else if (body !== undefined) {
      inject.payload = body as InjectOptions['payload'];
    }
    const raw = await this.server.inject(inject);
    const type = String(raw.headers['content-type'] ?? '');
    const parsed = type.includes('json') && raw.body !== '' ? JSON.parse(raw.body) : raw.body;
    return { status: raw.statusCode, body: parsed, headers: raw.headers, raw };
  }

  get(url: string, options?: RequestOptions) {
    return this.request('GET', url, undefined, options);
  }
  post(url: string, body?: unknown, options?: RequestOptions) {
    return this.request('POST', url, body, options);
  }
  put(url: string, body?: unknown, options?: RequestOptions) {
    return this.request('PUT', url, body, options);
  }
  patch(url: string, body?: unknown, options?: RequestOptions) {
    return this.request('PATCH', url, body, options);
  }
  delete(url: string, options?: RequestOptions) {
    return this.request('DELETE', url, undefined, options);
  }

  /** The same caller without one of its headers (to leave out the CSRF token, say). */
  without(header: string): Client {
    const { [header]: _left, ...rest } = this.headers;
    return new Client(this.server, rest);
  }
}

export function anonymous(server: Server): Client {
  return new Client(server);
}

/** Signs in with user id and password: the session cookie plus the CSRF token from the sign-in body. */
export async function signIn(server: Server, userId: string, password = DEMO_PASSWORD): Promise<Client> {
  const reply = await server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { userId, password } });
  expect(reply.statusCode, reply.body).toBe(200);
  const cookie = reply.cookies.find((c) => c.name === 'werkstroom_session');
  expect(cookie).toBeDefined();
  const { csrfToken } = reply.json() as { csrfToken: string };
  return new Client(server, { cookie: `werkstroom_session=${cookie?.value}`, 'x-csrf-token': csrfToken });
}

/** Creates a personal API token as `session` and returns a client that uses it as bearer. */
export async function withToken(
  session: Client,
  scope: 'read' | 'write' | 'admin',
  name = `${scope} token`,
): Promise<{ client: Client; id: number; token: string }> {
  const reply = await session.post('/api/v1/me/tokens', { name, scope });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return {
    client: new Client(session.server, { authorization: `Bearer ${reply.body.token}` }),
    id: reply.body.id,
    token: reply.body.token,
  };
}

/** Asserts a problem+json answer with the status and code (and field, when given). */
export function expectProblem(reply: Reply, status: number, code: string, field?: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body.code, JSON.stringify(reply.body)).toBe(code);
  if (field !== undefined) expect(reply.body.field, JSON.stringify(reply.body)).toBe(field);
}

/** Asserts a successful answer and returns its body. */
export function ok(reply: Reply, status = 200) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}

export const DEMO = '/api/v1/companies/DEMO';
