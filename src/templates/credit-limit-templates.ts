import type { WorkflowTemplate } from './catalogue.ts';

/** WS-SICLAPW and WS-SOCLAPW (reference shape C): sales documents checked against the customer's credit limit. */
export const CREDIT_LIMIT_TEMPLATES: readonly WorkflowTemplate[] = [];
