import { invalid } from '../../shared/errors.ts';
import { WORKFLOW_CODE_MAX_LENGTH } from './types.ts';

/** Prefix of the templates Werkstroom ships (D16); user workflows may not use it. */
export const TEMPLATE_PREFIX = 'WS-';

const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]*$/;

/** Workflow codes are upper case, like the reference's Code fields; input is folded to upper case. */
export function normalizeWorkflowCode(code: string, field = 'code'): string {
  const normalized = code.trim().toUpperCase();
  if (normalized === '') throw invalid('workflow-code-required', 'A workflow needs a code.', { field });
  if (normalized.length > WORKFLOW_CODE_MAX_LENGTH) {
    throw invalid(
      'workflow-code-too-long',
      `Workflow code "${normalized}" has ${normalized.length} characters; at most ${WORKFLOW_CODE_MAX_LENGTH} are allowed.`,
      { field },
    );
  }
  if (!CODE_PATTERN.test(normalized)) {
    throw invalid(
      'workflow-code-invalid',
      `Workflow code "${normalized}" may hold only letters, digits, ".", "_" and "-", and must start with a letter or digit.`,
      { field },
    );
  }
  return normalized;
}
