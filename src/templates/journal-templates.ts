import type { WorkflowTemplate } from './catalogue.ts';

/** WS-GJBAPW (shape B, balance check first) and WS-GJLAPW (shape R on a journal line). */
export const JOURNAL_TEMPLATES: readonly WorkflowTemplate[] = [];
