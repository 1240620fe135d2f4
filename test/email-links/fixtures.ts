import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { openWerkstroom, type Werkstroom } from '../../src/app/werkstroom.ts';
import { entriesOfRequest, entryHistory } from '../../src/approvals/entry-store.ts';
import { sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import { businessModules } from '../../src/business-modules.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { type DecisionLink, decisionLinks } from '../../src/email-links/index.ts';
import { getDocument } from '../../src/records/index.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { Server } from '../../src/server/types.ts';
import { enabledCopy, newDocument, type OpenDocument, readyCompany } from '../approvals/actions/fixtures.ts';
import { FIXED_NOW, type TestCompany } from '../support/harness.ts';

export const SECRET = 'email-link-test-secret-0123456789abcdef';
export const BASE_URL = 'https://werkstroom.example/';

/**
 * A server over the dialect's database with a clock the tests move (reset to FIXED_NOW before
 * each test); each `pendingEntry()` is a company of its own. Registers its hooks in the caller's suite.
 */
export function linkServer(db: () => DatabaseHandle) {
  let now = FIXED_NOW;
  let app: Werkstroom | undefined;
  let server: Server | undefined;
  beforeAll(async () => {
    app = await openWerkstroom({ database: db(), modules: businessModules, clock: () => now });
    server = await buildServer({ app, secret: SECRET });
  });
  afterAll(async () => server?.close());
  beforeEach(() => {
    now = FIXED_NOW;
  });
  const theApp = () => app ?? expect.fail('app not ready');
  const theServer = () => server ?? expect.fail('server not ready');
  const url = (link: DecisionLink | string) => (typeof link === 'string' ? link : new URL(link.url).pathname);

  return {
    app: theApp,
    now: () => now,
    setNow: (value: Date) => {
      now = value;
    },

    /** ALICIA sends a sales order (WS-SOAPW): JOHN's entry is open; his approve and reject links. */
    async pendingEntry() {
      const t = await readyCompany(db());
      await enabledCopy(t, 'WS-SOAPW');
      const doc = await newDocument(t, 'ALICIA', 'sales', 'order');
      await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
      const entries = await t.run((ctx) => entriesOfRequest(ctx, doc.table, doc.key));
      const entry = entries.find((e) => e.status === 'Open') ?? expect.fail('no open entry');
      expect(entry.approverId).toBe('JOHN');
      const { id: companyId } = await theApp().company(t.company);
      const links = await decisionLinks(SECRET, BASE_URL, { ...entry, companyId }, now);
      return { t, doc, entry, companyId, links };
    },

    /** Everything a decision could change: entries, their history, link uses, the document. */
    async footprint(t: TestCompany, doc: OpenDocument) {
      return t.run(async (ctx) => {
        const entries = await entriesOfRequest(ctx, doc.table, doc.key);
        const history = [];
        for (const e of entries) history.push(...(await entryHistory(ctx, e.id)));
        const uses = await ctx.tx
          .selectFrom('email_link_use')
          .selectAll()
          .where('company_id', '=', ctx.companyId)
          .execute();
        const document = await getDocument(ctx, doc.area, doc.documentType, doc.no);
        return {
          entries: entries.map((e) => [e.id, e.approverId, e.status, e.revision]),
          history,
          uses,
          status: document.status,
        };
      });
    },

    get: (link: DecisionLink | string, json = false) =>
      theServer().inject({ method: 'GET', url: url(link), headers: json ? { accept: 'application/json' } : {} }),

    /** The confirm button: an HTML form post (optionally asking for JSON). */
    post: (link: DecisionLink | string, form = '', json = false) =>
      theServer().inject({
        method: 'POST',
        url: url(link),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(json ? { accept: 'application/json' } : {}),
        },
        payload: form,
      }),
  };
}
