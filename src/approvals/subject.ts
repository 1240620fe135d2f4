import type { EngineContext } from '../engine/context.ts';
import type { WorkflowRecord } from '../engine/record.ts';
import { getDocument, parseDocumentKey } from '../records/index.ts';
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
      };
    }
    case 'customer':
      return { ...base, salespersonCode: String(record.data.salespersonCode ?? ''), limitKind: 'none' };
    case 'vendor':
      return { ...base, salespersonCode: String(record.data.purchaserCode ?? ''), limitKind: 'none' };
    case 'item':
      return { ...base, salespersonCode: '', limitKind: 'none' };
    default:
      throw invalid('response-record-unsupported', `Records of table ${record.table} cannot be sent for approval.`);
  }
}
