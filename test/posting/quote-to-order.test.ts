import { expect, it } from 'vitest';
import { addComment, listComments } from '../../src/approvals/comments.ts';
import { entryHistory } from '../../src/approvals/entry-store.ts';
import { approveEntries, sendApprovalRequest } from '../../src/approvals/user-actions.ts';
import {
  convertQuoteToOrder,
  listPostedApprovalComments,
  listPostedApprovalEntries,
  postDocument,
  postedKey,
} from '../../src/posting/index.ts';
import { documentKey, findDocument, listLines } from '../../src/records/index.ts';
import { enabledCopy, entriesOf, failsWith } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import {
  approveUntilReleased,
  documentWithLines,
  expectDocument,
  postingCompany,
  postingFootprint,
} from './fixtures.ts';

describeEachDialect('making an order of a quote (reference §5.10)', (db) => {
  it('the order gets a new number, the quote lines, and the approval entries and comments of the quote; the quote is deleted', async () => {
    const t = await postingCompany(db());
    await enabledCopy(t, 'WS-PQAPW');
    const quote = await documentWithLines(t, 'purchase', 'quote', ['1', '4']);
    // WS-PQAPW routes by approver chain: ALICIA's own entry is approved at once, SEAN decides.
    await t.run((ctx) => addComment(ctx, quote.table, quote.key, 'Best price of three offers.'), 'ALICIA');
    await t.run((ctx) => sendApprovalRequest(ctx, quote.table, quote.key), 'ALICIA');
    const sean = (await entriesOf(t, quote.table, quote.key)).find((e) => e.status === 'Open');
    if (!sean) throw new Error('no open entry');
    await t.run((ctx) => approveEntries(ctx, [sean.id], { comment: 'Fine.' }), 'SEAN');
    await expectDocument(t, quote, 'Released');
    const quoteEntries = await entriesOf(t, quote.table, quote.key);
    const seanHistory = await t.run((ctx) => entryHistory(ctx, sean.id));

    const conversion = await t.run((ctx) => convertQuoteToOrder(ctx, 'purchase', quote.no), 'ALICIA');
    expect(conversion.order).toMatchObject({
      area: 'purchase',
      documentType: 'order',
      no: 'PO-0001',
      status: 'Open',
      partyNo: 'V1000',
      amount: '500.00',
      lineCount: 2,
    });
    expect(conversion).toMatchObject({ approvalEntries: 2, comments: 2 });
    const orderKey = documentKey(conversion.order);
    const lines = await t.run((ctx) => listLines(ctx, conversion.order));
    expect(lines.map((l) => [l.lineNo, l.no, l.quantity, l.lineAmount])).toEqual([
      [10000, '1000', '1', '100.00'],
      [20000, '1000', '4', '400.00'],
    ]);
    expect(await t.run((ctx) => findDocument(ctx, quote))).toBeUndefined();

    // Same entries (ids, statuses, history), now for document type order and the order's number.
    const orderEntries = await entriesOf(t, 'purchase-header', orderKey);
    expect(orderEntries.map((e) => [e.id, e.approverId, e.status, e.documentType, e.documentNo])).toEqual(
      quoteEntries.map((e) => [e.id, e.approverId, e.status, 'order', 'PO-0001']),
    );
    expect(await t.run((ctx) => entryHistory(ctx, sean.id))).toEqual(seanHistory);
    expect(await entriesOf(t, quote.table, quote.key)).toEqual([]);
    expect((await t.run((ctx) => listComments(ctx, 'purchase-header', orderKey))).map((c) => c.comment)).toEqual([
      'Best price of three offers.',
      'Fine.',
    ]);

    // Posting the order later takes the quote's approval history along to the posted invoice.
    const posted = await t.run((ctx) => postDocument(ctx, conversion.order), 'ALICIA');
    const target = { table: 'posted-purchase-document', key: postedKey(posted) };
    expect((await t.run((ctx) => listPostedApprovalEntries(ctx, target))).map((e) => e.entryId)).toEqual(
      quoteEntries.map((e) => e.id),
    );
    expect(await t.run((ctx) => listPostedApprovalComments(ctx, target))).toHaveLength(2);
    expect(posted.preAssignedNo).toBe('PO-0001');
  });

  it('a quote pending approval is refused (document-pending-approval); nothing changes', async () => {
    const t = await postingCompany(db());
    await enabledCopy(t, 'WS-SQAPW');
    const quote = await documentWithLines(t, 'sales', 'quote');
    await t.run((ctx) => sendApprovalRequest(ctx, quote.table, quote.key), 'ALICIA');
    const before = await postingFootprint(t);
    await failsWith(
      t.run((ctx) => convertQuoteToOrder(ctx, 'sales', quote.no)),
      'document-pending-approval',
    );
    expect(await postingFootprint(t)).toEqual(before);
    await expectDocument(t, quote, 'Pending Approval');
  });

  it('D7: an Open quote that an enabled approval workflow covers is refused (document-not-approved); once approved it converts', async () => {
    const t = await postingCompany(db());
    await enabledCopy(t, 'WS-SQAPW');
    const quote = await documentWithLines(t, 'sales', 'quote');
    await failsWith(
      t.run((ctx) => convertQuoteToOrder(ctx, 'sales', quote.no)),
      'document-not-approved',
    );
    await approveUntilReleased(t, quote, 'JOHN');
    const { order } = await t.run((ctx) => convertQuoteToOrder(ctx, 'sales', quote.no));
    expect(order).toMatchObject({ no: 'SO-0001', status: 'Open' });
    expect((await entriesOf(t, 'sales-header', documentKey(order))).map((e) => [e.approverId, e.status])).toEqual([
      ['JOHN', 'Approved'],
    ]);
  });

  it('only a quote can be made an order: another number is document-not-found', async () => {
    const t = await postingCompany(db());
    const order = await documentWithLines(t, 'sales', 'order');
    await failsWith(
      t.run((ctx) => convertQuoteToOrder(ctx, 'sales', order.no)),
      'document-not-found',
    );
  });
});
