import { expect, it } from 'vitest';
import { businessModules } from '../../src/business-modules.ts';
import { describeStep } from '../../src/engine/definition/describe.ts';
import { enableWorkflow } from '../../src/engine/definition/enable.ts';
import type { WorkflowStep } from '../../src/engine/definition/types.ts';
import { getWorkflow } from '../../src/engine/definition/workflow-store.ts';
import type { Registry } from '../../src/engine/registry.ts';
import { installTemplates, workflowFromTemplate } from '../../src/templates/index.ts';
import { failsWith, setRequestOptions } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { newTestCompany } from '../support/harness.ts';

/** The step tree in words, one line per step, indented under its parent; "→ n" is a next-step link. */
function outline(registry: Registry, steps: readonly WorkflowStep[]): string[] {
  const lines: string[] = [];
  const walk = (parent: number | null, depth: number) => {
    const children = steps
      .filter((s) => s.previousStepId === parent)
      .sort((a, b) => a.sequence - b.sequence || a.id - b.id);
    for (const step of children) {
      const { text, condition } = describeStep(registry, step, steps);
      const when = step.type === 'event' ? ` [${condition}]` : '';
      const next = step.nextStepId === null ? '' : ` → ${step.nextStepId}`;
      lines.push(`${'  '.repeat(depth)}${step.id} ${text}${when}${next}`);
      walk(step.id, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

const shapeX = (table: string, field: string, rule: string, message: string) => [
  `1 The data of ${table} is changed. [${rule}]`,
  `  2 Hold the new value of ${field} for approval and put the old value back on the record.`,
  '    3 Create approval requests, routed by workflow-user-group and direct-approver.',
  '      4 Send the approval requests that are due and notify their approvers.',
  `        5 Show the message "${message}".`,
  '          6 An approval request is approved. [Pending approvals: 0]',
  '            7 Write the held new values to the record.',
  '          8 An approval request is approved. [Pending approvals: >0]',
  '            9 Send the approval requests that are due and notify their approvers. → 5',
  '          10 An approval request is rejected. [Always]',
  '            11 Drop the held new values; the record keeps its old values.',
  '              12 Reject every approval request of the record and notify.',
  '          13 An approval request is delegated. [Always]',
  '            14 Send the approval requests that are due and notify their approvers. → 5',
];

describeEachDialect('the field-change templates (shape X)', (db) => {
  it('WS-CCLCAPW and WS-IUPCAPW hold a raised value (the designer names the field by its caption), ask a workflow user group, and apply or discard it', async () => {
    const t = await newTestCompany(db(), businessModules);
    await t.run((ctx) => installTemplates(ctx));
    const cclcapw = await t.run((ctx) => getWorkflow(ctx, 'WS-CCLCAPW'));
    expect(cclcapw).toMatchObject({ description: 'Customer credit limit change approval', category: 'SALES' });
    expect(outline(t.app.registry, cclcapw.steps)).toEqual(
      shapeX(
        'a customer',
        'Credit limit (LCY)',
        'Credit limit (LCY) is increased',
        'The new credit limit was sent for approval; the customer keeps the current limit until it is approved.',
      ),
    );
    const iupcapw = await t.run((ctx) => getWorkflow(ctx, 'WS-IUPCAPW'));
    expect(iupcapw).toMatchObject({ description: 'Item unit price change approval', category: 'SALES' });
    expect(outline(t.app.registry, iupcapw.steps)).toEqual(
      shapeX(
        'an item',
        'Unit price',
        'Unit price is increased',
        'The new unit price was sent for approval; the item keeps the current price until it is approved.',
      ),
    );
    // No confirmation of the request itself: the template's own message says it.
    for (const workflow of [cclcapw, iupcapw]) {
      const create = workflow.steps.find((s) => s.functionCode === 'approval.create-requests');
      expect(create?.options).toMatchObject({ showConfirmation: false });
      expect(create?.options?.workflowUserGroup).toBeUndefined();
    }
  });

  it('a copy enables only once its workflow user group is filled in (D9 is met: it reverts and applies)', async () => {
    const t = await newTestCompany(db(), businessModules);
    for (const template of ['WS-CCLCAPW', 'WS-IUPCAPW']) {
      const copy = await t.run((ctx) => workflowFromTemplate(ctx, template));
      expect(copy.code).toBe(`${template}-01`);
      const refused = await failsWith(
        t.run((ctx) => enableWorkflow(ctx, copy.code)),
        'workflow-not-valid',
      );
      const problems = refused.details.problems as { code: string; message: string; stepId?: number }[];
      expect(problems.map((p) => [p.code, p.stepId])).toEqual([['response-options-missing', 3]]);
      expect(problems[0]?.message).toContain('workflowUserGroup');
      await t.run((ctx) => setRequestOptions(ctx, copy.code, { workflowUserGroup: 'CREDIT' }));
      expect(await t.run((ctx) => enableWorkflow(ctx, copy.code))).toMatchObject({ enabled: true });
    }
  });
});
