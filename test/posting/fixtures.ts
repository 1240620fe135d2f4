import { expect } from 'vitest';
import { approveEntries, sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import { listGlEntries } from '../../src/ledger/queries.ts';
import { Dec } from '../../src/records/decimals.ts';
import { addLine, createDocument, type DocumentArea, documentKey, findDocument } from '../../src/records/index.ts';
import { entriesOf, type OpenDocument, readyCompany } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';
import { setUpLedger } from '../support/ledger-fixtures.ts';

/**
 * A company with approval users (see test/approvals/actions/fixtures.ts), master data (vendor
 * V1000, customer C1000, item 1000 at 100.00) and the ledger of test/support/ledger-fixtures.ts:
 * receivables 1300, payables 2100, sales 4000, purchases 5000.
 */
export async function postingCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await readyCompany(handle);
  await t.run((ctx) => setUpLedger(ctx), 'ADMIN');
  return t;
}

/** An Open document of `lines` lines of item 1000 (100.00 each), quantities as given. */
export async function documentWithLines(
  t: TestCompany,
  area: DocumentArea,
  documentType: string,
  quantities: readonly string[] = ['1'],
  userId = 'ALICIA',
  header: { currencyCode?: string; partyNo?: string } = {},
): Promise<OpenDocument> {
  return t.run(async (ctx) => {
    const created = await createDocument(ctx, {
      area,
      documentType,
      partyNo: header.partyNo ?? (area === 'purchase' ? 'V1000' : 'C1000'),
      ...(header.currencyCode ? { currencyCode: header.currencyCode } : {}),
    });
    for (const quantity of quantities) await addLine(ctx, created, { type: 'item', no: '1000', quantity });
    return {
      area,
      documentType,
      no: created.no,
      table: area === 'purchase' ? 'purchase-header' : 'sales-header',
      key: documentKey(created),
    };
  }, userId);
}

/** Everything a posting writes, counted for the test's company (a refusal must leave these as they were). */
export async function postingFootprint(t: TestCompany) {
  return t.run(async (ctx: EngineContext) => {
    const count = async (
      table:
        | 'posted_document_header'
        | 'posted_document_line'
        | 'posted_approval_entry'
        | 'posted_approval_comment'
        | 'gl_register'
        | 'gl_entry'
        | 'customer_ledger_entry'
        | 'vendor_ledger_entry'
        | 'approval_entry'
        | 'document_header'
        | 'document_line'
        | 'job',
    ) => {
      // Every one of these tables has a company_id; one of them stands in for the type.
      const row = await ctx.tx
        .selectFrom(table as 'gl_entry')
        .where('company_id', '=', ctx.companyId)
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const series = await ctx.tx
      .selectFrom('number_series')
      .select(['code', 'last_number'])
      .where('company_id', '=', ctx.companyId)
      .where('code', 'like', '%POSTED%')
      .orderBy('code')
      .execute();
    return {
      postedHeaders: await count('posted_document_header'),
      postedLines: await count('posted_document_line'),
      postedEntries: await count('posted_approval_entry'),
      postedComments: await count('posted_approval_comment'),
      registers: await count('gl_register'),
      glEntries: await count('gl_entry'),
      customerEntries: await count('customer_ledger_entry'),
      vendorEntries: await count('vendor_ledger_entry'),
      approvalEntries: await count('approval_entry'),
      documents: await count('document_header'),
      documentLines: await count('document_line'),
      jobs: await count('job'),
      postedSeries: series.map((s) => `${s.code}:${s.last_number}`),
    };
  });
}

/** The document is still there as it was (status given). */
export async function expectDocument(t: TestCompany, doc: OpenDocument, status: string) {
  const found = await t.run((ctx) => findDocument(ctx, doc));
  expect(found?.status).toBe(status);
}

/** G/L entries of one register sum to zero. */
export async function expectRegisterBalanced(t: TestCompany, registerId: number) {
  const entries = await t.run((ctx) => listGlEntries(ctx, { registerId }));
  expect(entries.length).toBeGreaterThanOrEqual(2);
  const sum = entries.reduce((total, e) => total.plus(e.amount), new Dec(0));
  expect(sum.isZero(), `register ${registerId} sums to ${sum.toFixed()}`).toBe(true);
  return entries;
}

/** ALICIA sends the document; the approver approves every open entry until it is released. */
export async function approveUntilReleased(t: TestCompany, doc: OpenDocument, approver: string) {
  await t.run((ctx) => sendApprovalRequest(ctx, doc.table, doc.key), 'ALICIA');
  const open = (await entriesOf(t, doc.table, doc.key)).filter((e) => e.status === 'Open');
  expect(open.map((e) => e.approverId)).toEqual([approver]);
  return t.run(
    (ctx) =>
      approveEntries(
        ctx,
        open.map((e) => e.id),
      ),
    approver,
  );
}
