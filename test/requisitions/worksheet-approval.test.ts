import { describe, expect, it } from 'vitest';
import { approveEntries, delegateEntries, rejectEntries } from '../../src/approvals/user-actions.ts';
import { listArchivedInstances, listInstances } from '../../src/engine/execution/instance-queries.ts';
import { findRestriction, listLines } from '../../src/records/index.ts';
import {
  cancelRequisitionWorksheetApproval,
  carryOutWorksheet,
  listRequisitionLines,
  sendRequisitionWorksheetForApproval,
  updateRequisitionLine,
} from '../../src/requisitions/index.ts';
import { WORKFLOW_TEMPLATES } from '../../src/templates/catalogue.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  addRequisitionLine,
  enabledCopy,
  entriesOf,
  entryTriples,
  failsWith,
  lineKeyOf,
  notifications,
  requisitionsCompany,
  threeLines,
  WORKSHEET_KEY,
} from './fixtures.ts';

const TABLE = 'requisition-worksheet';
const LINE_TABLE = 'requisition-line';

const send = (t: TestCompany, userId = 'ALICIA') =>
  t.run((ctx) => sendRequisitionWorksheetForApproval(ctx, 'REQ'), userId);
const cancel = (t: TestCompany, userId = 'ALICIA') =>
  t.run((ctx) => cancelRequisitionWorksheetApproval(ctx, 'REQ'), userId);
const carryOut = (t: TestCompany) => t.run((ctx) => carryOutWorksheet(ctx, 'REQ'), 'ALICIA');
const worksheetRestriction = (t: TestCompany) => t.run((ctx) => findRestriction(ctx, TABLE, WORKSHEET_KEY));
const lineRestrictions = (t: TestCompany) =>
  t.run(async (ctx) => [
    (await findRestriction(ctx, LINE_TABLE, lineKeyOf(10000)))?.workflowCode,
    (await findRestriction(ctx, LINE_TABLE, lineKeyOf(20000)))?.workflowCode,
    (await findRestriction(ctx, LINE_TABLE, lineKeyOf(30000)))?.workflowCode,
  ]);
const instances = (t: TestCompany) =>
  t.run(async (ctx) => ({
    live: (await listInstances(ctx, { recordTable: TABLE, recordKey: WORKSHEET_KEY })).length,
    archived: (await listArchivedInstances(ctx, { recordTable: TABLE, recordKey: WORKSHEET_KEY })).length,
  }));

const WORKFLOW = 'WS-RWBAPW-01';

it('WS-RWBAPW is the requisition worksheet batch approval (reference shape W): no balance check, category PURCH', () => {
  const template = WORKFLOW_TEMPLATES.find((w) => w.code === 'WS-RWBAPW');
  expect(template).toMatchObject({ description: 'Requisition worksheet approval', category: 'PURCH' });
  expect(template?.steps.map((s) => [s.id, s.previousStepId, s.functionCode, s.nextStepId ?? null])).toEqual([
    [1, null, 'requisition-worksheet.approval-requested', null],
    [2, 1, 'record.restrict', null],
    [3, 2, 'approval.create-requests', null],
    [4, 3, 'approval.send-requests', null],
    [5, 4, 'approval-entry.approved', null],
    [6, 5, 'record.allow', null],
    [7, 4, 'approval-entry.approved', null],
    [8, 7, 'approval.send-requests', 4],
    [9, 4, 'approval-entry.rejected', null],
    [10, 9, 'approval.reject-all', null],
    [11, 4, 'requisition-worksheet.approval-request-canceled', null],
    [12, 11, 'approval.cancel-all', null],
    [13, 12, 'show-message', null],
    [14, 4, 'approval-entry.delegated', null],
    [15, 14, 'approval.send-requests', 4],
  ]);
  expect(template?.steps[2]?.options).toMatchObject({
    approverType: 'approver',
    limitType: 'direct-approver',
    showConfirmation: true,
  });
});

describeEachDialect('requisition worksheet batch approval (WS-RWBAPW, reference shape W)', (db) => {
  /** The copy enabled first, then three lines entered (so they are restricted automatically). */
  async function withLines() {
    const t = await requisitionsCompany(db());
    expect(await enabledCopy(t, 'WS-RWBAPW')).toBe(WORKFLOW);
    await threeLines(t);
    return t;
  }

  it('a copy of WS-RWBAPW enables; lines entered while it is enabled are restricted (reference §8.1)', async () => {
    const t = await withLines();
    expect(await lineRestrictions(t)).toEqual([WORKFLOW, WORKFLOW, WORKFLOW]);
    expect(await worksheetRestriction(t)).toBeUndefined();
    const error = await failsWith(carryOut(t), 'record-restricted');
    expect(error.details).toMatchObject({ workflow: WORKFLOW, table: LINE_TABLE, key: lineKeyOf(10000) });
  });

  it('sent: the worksheet is restricted and goes to the requester’s direct approver; carrying out is refused', async () => {
    const t = await withLines();
    const sent = await send(t);
    expect(sent.messages).toEqual(['An approval request has been sent.']);
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status, e.senderId, e.amountLcy])).toEqual([
      [1, 'SEAN', 'Open', 'ALICIA', '0'],
    ]);
    expect(await worksheetRestriction(t)).toMatchObject({ workflowCode: WORKFLOW });
    expect((await notifications(t)).map((n) => [n.recipient, n.type, n.key])).toEqual([
      ['SEAN', 'approval', WORKSHEET_KEY],
    ]);
    await failsWith(carryOut(t), 'requisition-approval-pending');
    await failsWith(
      addRequisitionLine(t, { no: '1000', quantity: '1', vendorNo: 'V1000' }),
      'requisition-approval-pending',
    );
    await failsWith(send(t), 'approval-request-exists');
    expect(await instances(t)).toEqual({ live: 1, archived: 0 });
  });

  it('approved: the worksheet and all its lines are allowed again; carrying out makes one Open purchase order per vendor', async () => {
    const t = await withLines();
    const sent = await send(t);
    await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    expect(await worksheetRestriction(t)).toBeUndefined();
    expect(await lineRestrictions(t)).toEqual([undefined, undefined, undefined]);
    expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    const done = await carryOut(t);
    expect(done.lineCount).toBe(3);
    expect(done.orders.map((o) => [o.documentType, o.partyNo, o.status])).toEqual([
      ['order', 'V1000', 'Open'],
      ['order', 'V2000', 'Open'],
    ]);
    const lines = await t.run(async (ctx) =>
      Promise.all(done.orders.map((o) => listLines(ctx, { area: 'purchase', documentType: 'order', no: o.no }))),
    );
    expect(lines.map((ls) => ls.map((l) => [l.type, l.no, l.quantity, l.description]))).toEqual([
      [
        ['item', '1000', '5', 'Chair'],
        ['item', '2000', '2', 'Desk'],
      ],
      [['item', '1000', '10', 'Chair']],
    ]);
    expect(await t.run((ctx) => listRequisitionLines(ctx, 'REQ'))).toEqual([]);
    expect(await lineRestrictions(t)).toEqual([undefined, undefined, undefined]);
  });

  it('D4: a worksheet has no amount, so an approver chain is routed to the direct approver only', async () => {
    const t = await requisitionsCompany(db());
    await enabledCopy(t, 'WS-RWBAPW', { limitType: 'approver-chain' });
    await threeLines(t);
    const sent = await send(t, 'JOHN');
    expect(sent.entries.map((e) => [e.sequence, e.approverId, e.status])).toEqual([[1, 'MARY', 'Open']]);
  });

  it('D8: rejected, the worksheet and its lines stay restricted and the sender is told', async () => {
    const t = await withLines();
    const sent = await send(t);
    await t.run((ctx) => rejectEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
    expect(await entryTriples(t, TABLE, WORKSHEET_KEY)).toEqual([[1, 'SEAN', 'Rejected']]);
    expect(await worksheetRestriction(t)).toMatchObject({ workflowCode: WORKFLOW });
    expect(await lineRestrictions(t)).toEqual([WORKFLOW, WORKFLOW, WORKFLOW]);
    expect((await notifications(t)).map((n) => [n.recipient, n.sender])).toEqual([
      ['SEAN', 'ALICIA'],
      ['ALICIA', 'SEAN'],
    ]);
    expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    const error = await failsWith(carryOut(t), 'record-restricted');
    expect(error.details).toMatchObject({ workflow: WORKFLOW, table: TABLE });
    expect(error.message).toContain(WORKFLOW);
  });

  it('canceled: the entries are canceled and the message shown; the restriction stays until a new request is approved', async () => {
    const t = await withLines();
    await send(t);
    await failsWith(cancel(t, 'STRANGER'), 'approval-cancel-forbidden');
    const canceled = await cancel(t);
    expect(canceled.messages).toEqual(['The approval request was canceled.']);
    expect(canceled.entries.map((e) => [e.approverId, e.status])).toEqual([['SEAN', 'Canceled']]);
    expect(await worksheetRestriction(t)).toBeDefined();
    expect(await instances(t)).toEqual({ live: 0, archived: 1 });
    await failsWith(carryOut(t), 'record-restricted');
    const again = await send(t);
    await t.run((ctx) => approveEntries(ctx, [again.entries[0]?.id ?? 0]), 'SEAN');
    expect(await worksheetRestriction(t)).toBeUndefined();
    expect((await entriesOf(t, TABLE, WORKSHEET_KEY)).map((e) => e.status)).toEqual(['Canceled', 'Approved']);
  });

  it('delegated: the substitute approver is asked, and approving allows the worksheet', async () => {
    const t = await withLines();
    const sent = await send(t);
    const id = sent.entries[0]?.id ?? 0;
    const [delegated] = await t.run((ctx) => delegateEntries(ctx, [id]), 'SEAN');
    expect(delegated?.entry).toMatchObject({ approverId: 'ADMIN', status: 'Open' });
    await t.run((ctx) => approveEntries(ctx, [id]), 'ADMIN');
    expect(await worksheetRestriction(t)).toBeUndefined();
    expect(await lineRestrictions(t)).toEqual([undefined, undefined, undefined]);
    expect(await instances(t)).toEqual({ live: 0, archived: 1 });
  });

  describe('automatic restriction of lines (reference §8.1)', () => {
    it('a line added after approval while the workflow is enabled is restricted again, so it needs a new approval', async () => {
      const t = await withLines();
      const sent = await send(t);
      await t.run((ctx) => approveEntries(ctx, [sent.entries[0]?.id ?? 0]), 'SEAN');
      const added = await addRequisitionLine(t, { no: '2000', quantity: '1', vendorNo: 'V2000' });
      expect(added.line.lineNo).toBe(40000);
      expect(added.restriction).toMatchObject({ workflowCode: WORKFLOW });
      await failsWith(carryOut(t), 'record-restricted');
    });

    it('a changed line is restricted again; lines entered without an enabled workflow are not', async () => {
      const t = await requisitionsCompany(db());
      await threeLines(t);
      expect(await lineRestrictions(t)).toEqual([undefined, undefined, undefined]);
      await enabledCopy(t, 'WS-RWBAPW');
      const changed = await t.run((ctx) => updateRequisitionLine(ctx, 'REQ', 20000, { quantity: '3' }), 'ALICIA');
      expect(changed.line).toMatchObject({ quantity: '3', revision: 2 });
      expect(await lineRestrictions(t)).toEqual([undefined, WORKFLOW, undefined]);
    });
  });

  it('an empty worksheet, or one without an enabled workflow, cannot be sent; nothing is written', async () => {
    const t = await requisitionsCompany(db());
    await failsWith(send(t), 'requisition-worksheet-empty');
    await threeLines(t);
    await failsWith(send(t), 'approval-workflow-missing');
    await failsWith(
      t.run((ctx) => sendRequisitionWorksheetForApproval(ctx, 'NOPE')),
      'requisition-worksheet-not-found',
    );
    expect(await instances(t)).toEqual({ live: 0, archived: 0 });
  });
});
