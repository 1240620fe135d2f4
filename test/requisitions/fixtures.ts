import type { DatabaseHandle } from '../../src/db/connect.ts';
import {
  createRequisitionLine,
  createRequisitionWorksheet,
  type RequisitionLineInput,
  type SavedRequisitionLine,
} from '../../src/requisitions/index.ts';
import { readyCompany } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';

export { enabledCopy, entriesOf, entryTriples, failsWith, notifications } from '../approvals/actions/fixtures.ts';

/**
 * A company with the approval users of test/approvals/actions/fixtures.ts (SEAN, ADMIN the
 * approval administrator, ALICIA → SEAN, JOHN → MARY …), master data (vendors V1000, V2000;
 * items 1000 Chair, 2000 Desk) and one requisition worksheet REQ.
 */
export async function requisitionsCompany(handle: DatabaseHandle): Promise<TestCompany> {
  const t = await readyCompany(handle);
  await t.run((ctx) => createRequisitionWorksheet(ctx, { name: 'REQ', description: 'Weekly purchases' }), 'ADMIN');
  return t;
}

export const WORKSHEET_KEY = 'REQ';
export const lineKeyOf = (lineNo: number) => JSON.stringify(['REQ', lineNo]);

/** A line in worksheet REQ created by `userId`. */
export function addRequisitionLine(
  t: TestCompany,
  fields: Omit<RequisitionLineInput, 'worksheetName'>,
  userId = 'ALICIA',
): Promise<SavedRequisitionLine> {
  return t.run((ctx) => createRequisitionLine(ctx, { worksheetName: 'REQ', ...fields }), userId);
}

/** Three lines: 5 chairs and 2 desks from V1000, 10 chairs from V2000. */
export async function threeLines(t: TestCompany): Promise<SavedRequisitionLine[]> {
  return [
    await addRequisitionLine(t, { no: '1000', quantity: '5', vendorNo: 'V1000', dueDate: '2026-12-01' }),
    await addRequisitionLine(t, { no: '2000', quantity: '2', vendorNo: 'V1000' }),
    await addRequisitionLine(t, { no: '1000', quantity: '10', vendorNo: 'V2000' }),
  ];
}
