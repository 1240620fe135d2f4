import { customerCreditInfo } from '../credit/credit-info.ts';
import type { EngineContext } from '../engine/context.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { findCustomer, getDocument, parseDocumentKey } from '../records/index.ts';
import { invalid } from '../shared/errors.ts';
import type { ApprovalSubject } from './types.ts';

/**
 * What routing needs from the record to approve (reference §5.2 step 1): amounts for documents
 * (in document currency and LCY at the document's frozen rate, D14), the salesperson/purchaser,
 * and which approval limit applies (spec §3.2).
 */
export async function approvalSubject(ctx: EngineContext, record: WorkflowRecord): Promise<ApprovalSubject> {
  const base = {
    table: record.table,
    key: record.key,
    documentType: '',
    documentNo: '',
    amount: '0',
    amountLcy: '0',
    currencyCode: '',
  };
  switch (record.table) {
    case 'purchase-header':
    case 'sales-header': {
      const area = record.table === 'purchase-header' ? 'purchase' : 'sales';
      const { documentType, no } = parseDocumentKey(record.key);
      const document = await getDocument(ctx, area, documentType, no);
      return {
        ...base,
        documentType: document.documentType,
        documentNo: document.no,
        salespersonCode: document.salespersonCode,
        amount: document.amount,
        amountLcy: document.amountLcy,
        currencyCode: document.currencyCode,
        limitKind: area === 'sales' ? 'sales' : document.documentType === 'quote' ? 'request' : 'purchase',
        ...(area === 'sales' ? await availableCredit(ctx, document.partyNo) : {}),
      };
    }
    case 'customer':
      return {
        ...base,
        salespersonCode: String(record.data.salespersonCode ?? ''),
        limitKind: 'none',
        ...(await availableCredit(ctx, record.key)),
      };
    case 'vendor':
      return { ...base, salespersonCode: String(record.data.purchaserCode ?? ''), limitKind: 'none' };
    case 'item':
      return { ...base, salespersonCode: '', limitKind: 'none' };
    // General journals (module journals): a batch has no amount (D4); a line has its signed amount.
    case 'gen-journal-batch':
    // Requisition worksheets (module requisitions): no amount either (D4).
    case 'requisition-worksheet':
      return { ...base, salespersonCode: '', limitKind: 'none' };
    case 'gen-journal-line': {
      const amount = String(record.data.amount ?? '0');
      const accountType = String(record.data.accountType ?? '');
      return {
        ...base,
        documentType: String(record.data.documentType ?? ''),
        documentNo: String(record.data.documentNo ?? ''),
        salespersonCode: '',
        amount,
        amountLcy: amount,
        // Reference §5.3: G/L account lines use request limits; bank account lines need none.
        limitKind:
          accountType === 'vendor'
            ? 'purchase'
            : accountType === 'customer'
              ? 'sales'
              : accountType === 'gl-account'
                ? 'request'
                : 'none',
      };
    }
    default:
      throw invalid('response-record-unsupported', `Records of table ${record.table} cannot be sent for approval.`);
  }
}

/** The customer's available credit (LCY) for the entry; none when the customer has no credit limit. */
async function availableCredit(ctx: EngineContext, customerNo: string): Promise<{ availableCreditLcy?: string }> {
  if (!(await findCustomer(ctx, customerNo))) return {};
  const credit = await customerCreditInfo(ctx, customerNo);
  return credit.hasCreditLimit ? { availableCreditLcy: credit.availableLcy } : {};
}
