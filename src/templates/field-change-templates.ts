import type { WorkflowTemplate } from './catalogue.ts';

/** WS-CCLCAPW and WS-IUPCAPW (reference shape X): a raised value is held until approved. */
export const FIELD_CHANGE_TEMPLATES: readonly WorkflowTemplate[] = [];
