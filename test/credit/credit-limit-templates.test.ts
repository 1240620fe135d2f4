import { describe, expect, it } from 'vitest';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { createWorkflow } from '../../src/engine/definition/workflows.ts';
import { WORKFLOW_TEMPLATES } from '../../src/templates/index.ts';
import { approvalsCompany, failsWith } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { event, response } from '../support/harness.ts';

/** The step tree as indented lines: `E:` events with their conditions, `R:` responses, `⟲ n` a loop back to step n. */
function tree(steps: readonly WorkflowStepInput[]): string[] {
  const lines: string[] = [];
  const visit = (parent: number | null, depth: number) => {
    const children = steps
      .filter((s) => (s.previousStepId ?? null) === parent)
      .sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
    for (const step of children) {
      const kind = step.type === 'event' ? 'E' : 'R';
      const conditions = step.conditions ? ` ${JSON.stringify(step.conditions)}` : '';
      const loop = step.nextStepId ? ` ⟲ ${step.nextStepId}` : '';
      lines.push(`${'  '.repeat(depth)}${kind}${step.id}: ${step.functionCode}${conditions}${loop}`);
      visit(step.id, depth + 1);
    }
  };
  visit(null, 0);
  return lines;
}

const template = (code: string) => {
  const found = WORKFLOW_TEMPLATES.find((t) => t.code === code);
  if (!found) throw new Error(`no template ${code}`);
  return found;
};

describe('the credit-limit templates (reference shape C)', () => {
  it('WS-SOCLAPW: the check splits into an exceeded branch (the document shape) and a not-exceeded branch (approved automatically; D8: it lifts a kept restriction)', () => {
    const t = template('WS-SOCLAPW');
    expect(t).toMatchObject({ description: 'Sales order credit limit approval', category: 'SALESDOC' });
    expect(tree(t.steps)).toEqual([
      'E1: sales-document.approval-requested {"sales-header":{"documentType":"order","status":"Open"}}',
      '  R2: customer.check-credit-limit',
      '    E3: sales-document.credit-limit-exceeded',
      '      R4: record.restrict',
      '        R5: document.set-pending-approval',
      '          R6: approval.create-requests',
      '            R7: approval.send-requests',
      '              E8: approval-entry.approved {"approval-entry":{"pendingApprovals":"0"}}',
      '                R9: record.allow',
      '                  R10: document.release',
      '              E11: approval-entry.approved {"approval-entry":{"pendingApprovals":">0"}}',
      '                R12: approval.send-requests ⟲ 7',
      '              E13: approval-entry.rejected',
      '                R14: approval.reject-all',
      '                  R15: document.reopen',
      '              E16: sales-document.approval-request-canceled {"sales-header":{"documentType":"order","status":"Pending Approval"}}',
      '                R17: approval.cancel-all',
      '                  R18: record.allow',
      '                    R19: document.reopen',
      '                      R20: show-message',
      '              E21: approval-entry.delegated',
      '                R22: approval.send-requests ⟲ 7',
      '    E23: sales-document.credit-limit-not-exceeded',
      '      R24: document.set-pending-approval',
      '        R25: approval.create-and-approve',
      '          R26: record.allow',
      '            R27: document.release',
    ]);
    expect(t.steps.find((s) => s.id === 6)?.options).toEqual({
      showConfirmation: true,
      approverType: 'salesperson-purchaser',
      limitType: 'approver-chain',
    });
  });

  it('WS-SICLAPW: the same tree for invoices, routed to the salesperson alone (direct approver)', () => {
    const t = template('WS-SICLAPW');
    expect(t).toMatchObject({ description: 'Sales invoice credit limit approval', category: 'SALESDOC' });
    const order = tree(template('WS-SOCLAPW').steps).map((l) => l.replaceAll('"order"', '"invoice"'));
    expect(tree(t.steps)).toEqual(order);
    expect(t.steps.find((s) => s.functionCode === 'approval.create-requests')?.options).toEqual({
      showConfirmation: true,
      approverType: 'salesperson-purchaser',
      limitType: 'direct-approver',
    });
  });
});

describeEachDialect('where the credit-limit steps may stand', (db) => {
  const save = async (steps: WorkflowStepInput[]) => {
    const t = await approvalsCompany(db());
    return t.run((ctx) => createWorkflow(ctx, { code: 'CREDIT-01', description: 'Credit test', steps }), 'ADMIN');
  };

  it('the credit check follows only the approval request of a sales document', async () => {
    await failsWith(
      save([event(1, null, 'purchase-document.approval-requested'), response(2, 1, 'customer.check-credit-limit')]),
      'step-combination-not-allowed',
    );
    await failsWith(
      save([
        event(1, null, 'customer.approval-requested'),
        response(2, 1, 'customer.check-credit-limit'),
        event(3, 2, 'sales-document.credit-limit-exceeded'),
      ]),
      'step-combination-not-allowed',
    );
  });

  it('automatic approval follows only "credit limit not exceeded"', async () => {
    await failsWith(
      save([
        event(1, null, 'sales-document.approval-requested'),
        response(2, 1, 'customer.check-credit-limit'),
        event(3, 2, 'sales-document.credit-limit-exceeded'),
        response(4, 3, 'approval.create-and-approve'),
      ]),
      'step-combination-not-allowed',
    );
    await failsWith(
      save([event(1, null, 'sales-document.approval-requested'), response(2, 1, 'approval.create-and-approve')]),
      'step-combination-not-allowed',
    );
  });
});
