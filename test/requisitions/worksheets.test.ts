import { expect, it } from 'vitest';
import type { EngineContext } from '../../src/engine/context.ts';
import { findRestriction } from '../../src/records/index.ts';
import {
  cancelRequisitionWorksheetApproval,
  createRequisitionLine,
  createRequisitionWorksheet,
  deleteRequisitionLine,
  deleteRequisitionWorksheet,
  listRequisitionLines,
  listRequisitionWorksheets,
  sendRequisitionWorksheetForApproval,
  updateRequisitionLine,
} from '../../src/requisitions/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import {
  addRequisitionLine,
  enabledCopy,
  entriesOf,
  failsWith,
  lineKeyOf,
  requisitionsCompany,
  threeLines,
  WORKSHEET_KEY,
} from './fixtures.ts';

describeEachDialect('requisition worksheets and lines', (db) => {
  it('a line is an item, a positive quantity and an existing vendor; bad input writes nothing', async () => {
    const t = await requisitionsCompany(db());
    const saved = await addRequisitionLine(t, { no: '1000', quantity: '2.5', vendorNo: 'v1000' });
    expect(saved.line).toMatchObject({
      worksheetName: 'REQ',
      lineNo: 10000,
      type: 'item',
      no: '1000',
      description: 'Chair',
      quantity: '2.5',
      vendorNo: 'V1000',
      dueDate: '',
      revision: 1,
    });
    expect(saved.restriction).toBeUndefined();
    await failsWith(
      addRequisitionLine(t, { no: '9999', quantity: '1', vendorNo: 'V1000' }),
      'requisition-line-item-not-found',
    );
    await failsWith(
      addRequisitionLine(t, { no: '1000', quantity: '1', vendorNo: 'V9' }),
      'requisition-line-vendor-not-found',
    );
    await failsWith(
      addRequisitionLine(t, { no: '1000', quantity: '0', vendorNo: 'V1000' }),
      'requisition-line-quantity-not-positive',
    );
    await failsWith(
      addRequisitionLine(t, { no: '1000', quantity: '1', vendorNo: 'V1000', dueDate: '1 May' }),
      'requisition-line-due-date-invalid',
    );
    await failsWith(
      t.run((ctx) => updateRequisitionLine(ctx, 'REQ', 10000, { quantity: '-1' })),
      'requisition-line-quantity-not-positive',
    );
    await failsWith(
      t.run((ctx) => addRequisitionLineTo(ctx, 'NOPE')),
      'requisition-worksheet-not-found',
    );
    expect((await t.run((ctx) => listRequisitionLines(ctx, 'REQ'))).map((l) => l.quantity)).toEqual(['2.5']);
    await failsWith(
      t.run((ctx) => createRequisitionWorksheet(ctx, { name: 'req' })),
      'requisition-worksheet-exists',
    );
  });

  it('deleting is refused while the worksheet waits for approval; afterwards it forgets the lines, restrictions and history', async () => {
    const t = await requisitionsCompany(db());
    await enabledCopy(t, 'WS-RWBAPW');
    await threeLines(t);
    await t.run((ctx) => sendRequisitionWorksheetForApproval(ctx, 'REQ'), 'ALICIA');
    await failsWith(
      t.run((ctx) => deleteRequisitionWorksheet(ctx, 'REQ')),
      'requisition-approval-pending',
    );
    await failsWith(
      t.run((ctx) => deleteRequisitionLine(ctx, 'REQ', 10000)),
      'requisition-approval-pending',
    );
    await failsWith(
      t.run((ctx) => updateRequisitionLine(ctx, 'REQ', 10000, { quantity: '9' })),
      'requisition-approval-pending',
    );
    await t.run((ctx) => cancelRequisitionWorksheetApproval(ctx, 'REQ'), 'ALICIA');
    await t.run((ctx) => deleteRequisitionWorksheet(ctx, 'REQ'));
    expect(await t.run((ctx) => listRequisitionWorksheets(ctx))).toEqual([]);
    expect(await t.run((ctx) => listRequisitionLines(ctx))).toEqual([]);
    expect(await entriesOf(t, 'requisition-worksheet', WORKSHEET_KEY)).toEqual([]);
    expect(await t.run((ctx) => findRestriction(ctx, 'requisition-worksheet', WORKSHEET_KEY))).toBeUndefined();
    expect(await t.run((ctx) => findRestriction(ctx, 'requisition-line', lineKeyOf(10000)))).toBeUndefined();
  });
});

function addRequisitionLineTo(ctx: EngineContext, worksheetName: string) {
  return createRequisitionLine(ctx, { worksheetName, no: '1000', quantity: '1', vendorNo: 'V1000' });
}
