import type { WorkflowTemplate } from './catalogue.ts';

/** WS-PIW (pattern G): a released purchase invoice is posted in the background, a payment line prepared and someone told. */
export const PURCHASE_INVOICE_TEMPLATES: readonly WorkflowTemplate[] = [];
