export { TEMPLATE_CATEGORIES, WORKFLOW_TEMPLATES, type WorkflowTemplate } from './catalogue.ts';
export { installTemplates, workflowFromTemplate } from './install-templates.ts';
