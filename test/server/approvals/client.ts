import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../../src/app/werkstroom.ts';
import { businessModules } from '../../../src/business-modules.ts';
import { DEMO_COMPANY, DEMO_PASSWORD } from '../../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../../src/demo/seed.ts';
import { buildServer } from '../../../src/server/build-server.ts';
import type { Server } from '../../../src/server/types.ts';

export const COMPANY = DEMO_COMPANY.code;
/** Company routes of the demo company. */
export const BASE = `/api/v1/companies/${COMPANY}`;

/** A fresh app on in-memory SQLite with the seeded demo company, and a server over it. */
export interface TestServer {
  readonly app: Werkstroom;
  readonly server: Server;
  /** Moves the clock on (the app reads it for today, due dates and sessions). */
  advanceDays(days: number): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let now = new Date('2026-03-02T09:00:00Z');
  const app = await openWerkstroom({ databaseUrl: 'sqlite::memory:', modules: businessModules, clock: () => now });
  await seedDemoCompany(app);
  const server = await buildServer({
    app,
    secret: 'test-secret-test-secret-test-secret-0123',
    signInLimit: 1000,
    sessionHours: 24 * 365,
  });
  return {
    app,
    server,
    advanceDays: (days) => {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    close: async () => {
      await server.close();
      await app.close();
    },
  };
}

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: LightMyRequestResponse['headers'];
}

/** A signed-in user: session cookie plus the CSRF token from the sign-in answer. */
export interface Client {
  readonly userId: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
  get<T = any>(url: string, query?: Record<string, string | number>): Promise<Reply<T>>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
}

function parse(response: LightMyRequestResponse): Reply {
  const type = String(response.headers['content-type'] ?? '');
  const body = type.includes('json') && response.body !== '' ? JSON.parse(response.body) : response.body;
  return { status: response.statusCode, body, headers: response.headers };
}

export async function signIn(server: Server, userId: string, password = DEMO_PASSWORD): Promise<Client> {
  const response = await server.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { userId, password } });
  expect(response.statusCode, response.body).toBe(200);
  const session = response.cookies.find((c) => c.name === 'werkstroom_session');
  if (!session) throw new Error('sign-in set no session cookie');
  const csrf = (response.json() as { csrfToken: string }).csrfToken;
  const cookies = { [session.name]: session.value };
  const send = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
    query?: Record<string, string | number>,
  ) =>
    parse(
      await server.inject({
        method,
        url,
        cookies,
        headers: { ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
        ...(query ? { query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) } : {}),
      }),
    );
  return {
    userId,
    get: (url, query) => send('GET', url, undefined, {}, query) as never,
    post: (url, body, headers) => send('POST', url, body, headers) as never,
    put: (url, body, headers) => send('PUT', url, body, headers) as never,
    delete: (url, headers) => send('DELETE', url, undefined, headers) as never,
  };
}

/** Asserts a problem+json answer with this status and code, and returns its body. */
// biome-ignore lint/suspicious/noExplicitAny: problem bodies carry extra members
export function expectProblem(reply: Reply, status: number, code: string): any {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(reply.body).toMatchObject({ status, code });
  return reply.body;
}

/** Asserts a 2xx answer and returns its body. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the tests
export function ok<T = any>(reply: Reply<T>, status = 200): T {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
}
