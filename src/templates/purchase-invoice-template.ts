import { DOCUMENT_RELEASED } from '../approvals/event-codes.ts';
import { CREATE_PAYMENT_LINE_IN_BACKGROUND, LINE_CREATED } from '../journals/codes.ts';
import { POST_DOCUMENT_IN_BACKGROUND, POSTED_EVENTS } from '../posting/event-codes.ts';
import type { WorkflowTemplate } from './catalogue.ts';
import { StepBuilder } from './step-shapes.ts';

/**
 * WS-PIW (reference MS-PIW, pattern G): a released purchase invoice is posted in the
 * background; once posted, a payment line is prepared in the background; when that line is
 * created, someone is told. The journal template and batch of the payment line and the person
 * to notify are left blank on purpose: a copy cannot be enabled until they are chosen.
 */
function purchaseInvoiceSteps() {
  const b = new StepBuilder();
  const released = b.add(null, 'event', DOCUMENT_RELEASED['purchase-header'], {
    conditions: { 'purchase-header': { documentType: 'invoice', status: 'Released' } },
  });
  const post = b.chain(released, POST_DOCUMENT_IN_BACKGROUND);
  const posted = b.add(post, 'event', POSTED_EVENTS.purchase);
  const payment = b.chain(posted, [CREATE_PAYMENT_LINE_IN_BACKGROUND, {}]);
  const created = b.add(payment, 'event', LINE_CREATED, {
    conditions: { 'gen-journal-line': { documentType: 'payment' } },
  });
  b.chain(created, ['notification.create-entry', { type: 'new-record' }]);
  return b.steps;
}

/** WS-PIW: release → post in the background → posted → payment line → line created → notification. */
export const PURCHASE_INVOICE_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    code: 'WS-PIW',
    description: 'Purchase invoice processing',
    category: 'PURCHDOC',
    steps: purchaseInvoiceSteps(),
  },
];
