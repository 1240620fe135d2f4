import type { EngineContext } from '../../src/engine/context.ts';
import { addLine, createDocument, documentKey, updateCustomer } from '../../src/records/index.ts';
import type { OpenDocument } from '../approvals/actions/fixtures.ts';
import type { TestCompany } from '../support/harness.ts';

/** Sets a customer's credit limit (LCY). */
export async function setCreditLimit(t: TestCompany, customerNo: string, creditLimitLcy: string): Promise<void> {
  await t.run((ctx) => updateCustomer(ctx, customerNo, { creditLimitLcy }).then(() => undefined), 'ADMIN');
}

/** A sales document of one line of item 1000 at `unitPrice` × `quantity`, created in `ctx`. */
export async function salesDocumentIn(
  ctx: EngineContext,
  documentType: string,
  customerNo: string,
  quantity: string,
  unitPrice = '100',
): Promise<OpenDocument> {
  const header = await createDocument(ctx, { area: 'sales', documentType, partyNo: customerNo });
  await addLine(ctx, header, { type: 'item', no: '1000', quantity, unitPrice });
  return { area: 'sales', documentType, no: header.no, table: 'sales-header', key: documentKey(header) };
}

/** The same, as its own command by `userId`. */
export async function salesDocument(
  t: TestCompany,
  userId: string,
  documentType: string,
  customerNo: string,
  quantity: string,
  unitPrice = '100',
): Promise<OpenDocument> {
  return t.run((ctx) => salesDocumentIn(ctx, documentType, customerNo, quantity, unitPrice), userId);
}
