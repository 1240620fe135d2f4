import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createCompany } from '../../../src/app/companies.ts';
import { openWerkstroom, type Werkstroom } from '../../../src/app/werkstroom.ts';
import { businessModules } from '../../../src/business-modules.ts';
import { DEMO_COMPANY, DEMO_PASSWORD } from '../../../src/demo/demo-data.ts';
import { seedDemoCompany } from '../../../src/demo/seed.ts';
import { setMembership } from '../../../src/server/auth/membership.ts';
import { buildServer } from '../../../src/server/build-server.ts';
import type { Server } from '../../../src/server/types.ts';

export const COMPANY = DEMO_COMPANY.code;
/** A company ADMIN and ALICIA are not members of (SEAN is). */
export const OTHER_COMPANY = 'OTHER';
export const API = `/api/v1/companies/${COMPANY}`;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Session {
  readonly userId: string;
  readonly cookie: string;
  readonly csrf: string;
}

export interface CallOptions {
  /** Who calls; anonymous when left out. */
  readonly as?: Session;
  /** JSON body (an object) or raw text sent as application/json. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Reply {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read response bodies freely
  readonly body: any;
}

export interface TestServer {
  readonly app: Werkstroom;
  readonly server: Server;
  signIn(userId: string): Promise<Session>;
  call(method: Method, url: string, options?: CallOptions): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * A real server on a fresh in-memory SQLite database with the product's modules and the seeded
 * demo company, plus company OTHER where only SEAN is a member.
 */
export async function startTestServer(): Promise<TestServer> {
  const app = await openWerkstroom({ databaseUrl: 'sqlite::memory:', modules: businessModules });
  await seedDemoCompany(app);
  const other = await createCompany(app.database.db, { code: OTHER_COMPANY, name: 'Other Ltd.' }, app.clock());
  await setMembership(app.database.db, other.id, 'SEAN', ['workflow-admin', 'user']);
  const server = await buildServer({ app, secret: 'test-secret-test-secret-test-secret!', signInLimit: 1000 });

  const call = async (method: Method, url: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) {
      headers.cookie = options.as.cookie;
      headers['x-csrf-token'] = options.as.csrf;
    }
    const inject: InjectOptions = { method, url, headers };
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      inject.payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await server.inject(inject);
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      headers: response.headers,
      text: response.body,
      body: type.includes('json') && response.body !== '' ? JSON.parse(response.body) : response.body,
    };
  };

  return {
    app,
    server,
    call,
    async signIn(userId) {
      const response = await server.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { userId, password: DEMO_PASSWORD },
      });
      if (response.statusCode !== 200) throw new Error(`Sign-in of ${userId} failed: ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'werkstroom_session');
      if (!cookie) throw new Error(`Sign-in of ${userId} set no session cookie.`);
      const { csrfToken } = response.json() as { csrfToken: string };
      return { userId, cookie: `${cookie.name}=${cookie.value}`, csrf: csrfToken };
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}

/** Steps of a small valid workflow: when a vendor's approval is requested, show a message. */
export function messageSteps(message = 'Hello') {
  return [
    { id: 1, previousStepId: null, type: 'event', functionCode: 'vendor.approval-requested' },
    { id: 2, previousStepId: 1, type: 'response', functionCode: 'show-message', options: { message } },
  ];
}
