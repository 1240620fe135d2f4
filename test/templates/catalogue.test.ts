import { expect, it } from 'vitest';
import { businessModules } from '../../src/business-modules.ts';
import { disableWorkflow, enableWorkflow, validateWorkflow } from '../../src/engine/definition/enable.ts';
import { exportWorkflows, importWorkflows } from '../../src/engine/definition/export-import.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { getWorkflow, listCategories, listWorkflows } from '../../src/engine/definition/workflow-store.ts';
import { copyWorkflow, deleteWorkflow, updateWorkflow } from '../../src/engine/definition/workflows.ts';
import { isWerkstroomError } from '../../src/shared/errors.ts';
import {
  installTemplates,
  TEMPLATE_CATEGORIES,
  WORKFLOW_TEMPLATES,
  workflowFromTemplate,
} from '../../src/templates/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { newTestCompany } from '../support/harness.ts';

/** D16 codes and categories of the catalogue (reference §4.1 with the WS- prefix). */
const EXPECTED: Record<string, string> = {
  'WS-PQAPW': 'PURCHDOC',
  'WS-POAPW': 'PURCHDOC',
  'WS-PIAPW': 'PURCHDOC',
  'WS-PCMAPW': 'PURCHDOC',
  'WS-BPOAPW': 'PURCHDOC',
  'WS-PROAPW': 'PURCHDOC',
  'WS-SQAPW': 'SALESDOC',
  'WS-SOAPW': 'SALESDOC',
  'WS-SIAPW': 'SALESDOC',
  'WS-SCMAPW': 'SALESDOC',
  'WS-BSOAPW': 'SALESDOC',
  'WS-SROAPW': 'SALESDOC',
  'WS-CUSTAPW': 'SALES',
  'WS-VENDAPW': 'PURCH',
  'WS-ITEMAPW': 'SALES',
  'WS-OVERDUE': 'ADMIN',
  'WS-PIW': 'PURCHDOC',
  'WS-SICLAPW': 'SALESDOC',
  'WS-SOCLAPW': 'SALESDOC',
  'WS-CCLCAPW': 'SALES',
  'WS-IUPCAPW': 'SALES',
  'WS-GJBAPW': 'FIN',
  'WS-GJLAPW': 'FIN',
  'WS-RWBAPW': 'PURCH',
};
const CODES = Object.keys(EXPECTED);
const GROUP_TEMPLATES = ['WS-BPOAPW', 'WS-BSOAPW', 'WS-CCLCAPW', 'WS-IUPCAPW'];
/** Templates with options left blank on purpose, so a copy must be completed before enabling. */
const INCOMPLETE_TEMPLATES = [...GROUP_TEMPLATES, 'WS-PIW'];

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isWerkstroomError(error)) return error;
    throw error;
  }
  return expect.fail('expected the call to fail');
}

describeEachDialect('the template catalogue', (db) => {
  const company = () => newTestCompany(db(), businessModules);

  it('D16: all 24 templates install with their WS- codes and categories, once', async () => {
    const t = await company();
    expect(WORKFLOW_TEMPLATES.map((w) => w.code)).toEqual(CODES);
    const installed = await t.run((ctx) => installTemplates(ctx));
    expect([...installed].sort()).toEqual([...CODES].sort());
    await t.run(async (ctx) => {
      const templates = await listWorkflows(ctx, { template: true });
      expect(templates).toHaveLength(24);
      expect(Object.fromEntries(templates.map((w) => [w.code, w.category]))).toEqual(EXPECTED);
      for (const template of templates) {
        expect(template.code).toMatch(/^WS-[A-Z]+$/);
        expect(template).toMatchObject({ template: true, enabled: false });
      }
      expect(await listWorkflows(ctx, { template: false })).toEqual([]);
      const categories = await listCategories(ctx);
      expect(categories.map((c) => c.code).sort()).toEqual(TEMPLATE_CATEGORIES.map((c) => c.code).sort());
    });
    // Installing again leaves what is there.
    expect(await t.run((ctx) => installTemplates(ctx))).toEqual([]);
    expect(await t.run((ctx) => listWorkflows(ctx, { template: true }))).toHaveLength(24);
  });

  it('templates are read-only: editing, deleting and enabling are refused', async () => {
    const t = await company();
    await t.run((ctx) => installTemplates(ctx));
    for (const code of CODES) {
      const edit = await errorOf(t.run((ctx) => updateWorkflow(ctx, code, { description: 'Mine now' })));
      expect(edit.code).toBe('workflow-template-read-only');
      const steps = await errorOf(
        t.run(async (ctx) => updateWorkflow(ctx, code, { steps: (await getWorkflow(ctx, code)).steps })),
      );
      expect(steps.code).toBe('workflow-template-read-only');
      const remove = await errorOf(t.run((ctx) => deleteWorkflow(ctx, code)));
      expect(remove.code).toBe('workflow-template-read-only');
      const enable = await errorOf(t.run((ctx) => enableWorkflow(ctx, code)));
      expect(enable.code).toBe('workflow-not-valid');
      expect((enable.details.problems as { code: string }[]).map((p) => p.code)).toContain('workflow-is-template');
    }
    const after = await t.run((ctx) => listWorkflows(ctx, { template: true }));
    expect(after.every((w) => w.revision === 1 && !w.enabled)).toBe(true);
  });

  it('D11: copies of a template are -01, -02, … and are editable, disabled, not templates', async () => {
    const t = await company();
    const first = await t.run((ctx) => workflowFromTemplate(ctx, 'WS-POAPW'));
    const second = await t.run((ctx) => workflowFromTemplate(ctx, 'ws-poapw'));
    const viaCopy = await t.run((ctx) => copyWorkflow(ctx, 'WS-POAPW'));
    expect([first.code, second.code, viaCopy.code]).toEqual(['WS-POAPW-01', 'WS-POAPW-02', 'WS-POAPW-03']);
    for (const copy of [first, second]) {
      expect(copy).toMatchObject({ template: false, enabled: false, category: 'PURCHDOC' });
    }
    const template = await t.run((ctx) => getWorkflow(ctx, 'WS-POAPW'));
    const strip = (steps: typeof first.steps) => steps.map(({ entryPoint: _e, ...rest }) => rest);
    expect(strip(first.steps)).toEqual(strip(template.steps));
    // The copy is editable.
    const edited = await t.run((ctx) => updateWorkflow(ctx, 'WS-POAPW-01', { description: 'Our order approval' }));
    expect(edited.description).toBe('Our order approval');
    // A copy under a chosen code must not use the reserved prefix.
    const named = await t.run((ctx) => workflowFromTemplate(ctx, 'WS-SOAPW', 'SO-APPROVAL'));
    expect(named.code).toBe('SO-APPROVAL');
    const reserved = await errorOf(t.run((ctx) => workflowFromTemplate(ctx, 'WS-SOAPW', 'WS-MINE')));
    expect(reserved.code).toBe('workflow-code-reserved');
    const unknown = await errorOf(t.run((ctx) => workflowFromTemplate(ctx, 'WS-NOPE')));
    expect(unknown.code).toBe('template-not-found');
  });

  it('a copy of every template enables as it is, except those with a group, journal batch or recipient to choose', async () => {
    const t = await company();
    await t.run((ctx) => installTemplates(ctx));
    for (const code of CODES.filter((c) => !INCOMPLETE_TEMPLATES.includes(c))) {
      const enabled = await t.run(async (ctx) => {
        const copy = await workflowFromTemplate(ctx, code);
        expect(await validateWorkflow(ctx, copy.code)).toEqual([]);
        const result = await enableWorkflow(ctx, copy.code);
        // Disabled again: the credit-limit templates start on the same event as the plain sales ones.
        await disableWorkflow(ctx, copy.code);
        return result;
      });
      expect(enabled).toMatchObject({ code: `${code}-01`, enabled: true });
    }
  });

  it('WS-PIW copies fail enabling until the payment journal batch and the person to notify are chosen', async () => {
    const t = await company();
    const copy = await t.run((ctx) => workflowFromTemplate(ctx, 'WS-PIW'));
    const refused = await errorOf(t.run((ctx) => enableWorkflow(ctx, copy.code)));
    expect(refused.code).toBe('workflow-not-valid');
    const problems = refused.details.problems as { code: string; message: string; stepId?: number }[];
    const payment = copy.steps.find((s) => s.functionCode === 'payment-line.create-in-background');
    const notify = copy.steps.find((s) => s.functionCode === 'notification.create-entry');
    expect(problems.map((p) => [p.code, p.stepId])).toEqual([
      ['response-options-missing', payment?.id],
      ['response-options-missing', notify?.id],
    ]);
    const steps: WorkflowStepInput[] = copy.steps.map((s) =>
      s.id === payment?.id
        ? { ...s, options: { templateName: 'PAYMENT', batchName: 'DEFAULT' } }
        : s.id === notify?.id
          ? { ...s, options: { ...s.options, recipientId: 'ALICIA' } }
          : s,
    );
    await t.run((ctx) => updateWorkflow(ctx, copy.code, { steps }));
    expect((await t.run((ctx) => enableWorkflow(ctx, copy.code))).enabled).toBe(true);
  });

  it('group template copies (WS-BPOAPW, WS-BSOAPW, WS-CCLCAPW, WS-IUPCAPW) fail enabling with response-options-missing until the group is filled', async () => {
    const t = await company();
    for (const code of GROUP_TEMPLATES) {
      const copy = await t.run((ctx) => workflowFromTemplate(ctx, code));
      const refused = await errorOf(t.run((ctx) => enableWorkflow(ctx, copy.code)));
      expect(refused.code).toBe('workflow-not-valid');
      const problems = refused.details.problems as { code: string; message: string; stepId?: number }[];
      expect(problems.map((p) => p.code)).toEqual(['response-options-missing']);
      expect(problems[0]?.message).toContain('workflowUserGroup');
      const createStep = copy.steps.find((s) => s.functionCode === 'approval.create-requests');
      expect(problems[0]?.stepId).toBe(createStep?.id);
      expect(createStep?.options).toMatchObject({ approverType: 'workflow-user-group', limitType: 'direct-approver' });
      expect(createStep?.options?.workflowUserGroup).toBeUndefined();
      expect((await t.run((ctx) => getWorkflow(ctx, copy.code))).enabled).toBe(false);

      // Filling in the group makes it valid.
      const steps: WorkflowStepInput[] = copy.steps.map((s) =>
        s.id === createStep?.id ? { ...s, options: { ...s.options, workflowUserGroup: 'FINANCE' } } : s,
      );
      await t.run((ctx) => updateWorkflow(ctx, copy.code, { steps }));
      const enabled = await t.run((ctx) => enableWorkflow(ctx, copy.code));
      expect(enabled.enabled).toBe(true);
    }
  });

  it('every template’s export round-trips: export, import into another company, export byte-identical', async () => {
    // The templates' content under user codes (a template's own code cannot be imported: see the last test).
    const source = await company();
    const target = await company();
    const copies: string[] = [];
    for (const code of CODES) {
      copies.push((await source.run((ctx) => workflowFromTemplate(ctx, code, `MY-${code.slice(3)}`))).code);
    }
    for (const [index, code] of copies.entries()) {
      const template = CODES[index] as string;
      const exported = await source.run((ctx) => exportWorkflows(ctx, [code]));
      const fromTemplate = await source.run((ctx) => exportWorkflows(ctx, [template]));
      // The copy's export is the template's, with the code changed.
      expect(exported).toBe(fromTemplate.replace(`"code": "${template}"`, `"code": "${code}"`));
      expect(await target.run((ctx) => importWorkflows(ctx, exported))).toEqual([code]);
      expect(await target.run((ctx) => exportWorkflows(ctx, [code]))).toBe(exported);
    }
    // All at once, into a third company.
    const all = await source.run((ctx) => exportWorkflows(ctx, copies));
    const other = await company();
    expect(await other.run((ctx) => importWorkflows(ctx, all))).toEqual(copies);
    expect(await other.run((ctx) => exportWorkflows(ctx, copies))).toBe(all);
  });

  it('D11: every template’s copy (WS-POAPW-01, …) exported from one company imports into another byte for byte', async () => {
    const source = await company();
    const target = await company();
    const copies: string[] = [];
    for (const code of CODES) copies.push((await source.run((ctx) => workflowFromTemplate(ctx, code))).code);
    expect(copies).toEqual(CODES.map((c) => `${c}-01`));
    for (const code of copies) {
      const exported = await source.run((ctx) => exportWorkflows(ctx, [code]));
      expect(await target.run((ctx) => importWorkflows(ctx, exported))).toEqual([code]);
      expect(await target.run((ctx) => exportWorkflows(ctx, [code]))).toBe(exported);
    }
    // Imported again over themselves (disabled), they stay byte-identical.
    const all = await source.run((ctx) => exportWorkflows(ctx, copies));
    expect(await target.run((ctx) => importWorkflows(ctx, all))).toEqual(copies);
    expect(await target.run((ctx) => exportWorkflows(ctx, copies))).toBe(all);
    // The imported copies enable as the originals do (incomplete templates still need their options).
    const enabled = await target.run(async (ctx) => {
      const result: string[] = [];
      for (const code of copies.filter((c) => !INCOMPLETE_TEMPLATES.some((g) => c.startsWith(`${g}-`)))) {
        result.push((await enableWorkflow(ctx, code)).code);
        await disableWorkflow(ctx, code);
      }
      return result;
    });
    expect(enabled).toHaveLength(CODES.length - INCOMPLETE_TEMPLATES.length);
  });

  it('D16: a template itself is not imported: its code is kept for the shipped template', async () => {
    const source = await company();
    await source.run((ctx) => installTemplates(ctx));
    const target = await company();
    const exported = await source.run((ctx) => exportWorkflows(ctx, ['WS-POAPW']));
    await expect(target.run((ctx) => importWorkflows(ctx, exported))).rejects.toMatchObject({
      code: 'workflow-code-reserved',
    });
    await target.run((ctx) => installTemplates(ctx));
    await expect(target.run((ctx) => importWorkflows(ctx, exported))).rejects.toMatchObject({
      code: 'workflow-template-read-only',
    });
  });
});
