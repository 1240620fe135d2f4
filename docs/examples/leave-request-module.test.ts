import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  builtinModule,
  createCompany,
  createRegistry,
  createWorkflow,
  defineModule,
  type EngineContext,
  enableWorkflow,
  getWorkflow,
  listArchivedInstances,
  listInstances,
  validateWorkflow,
  type Werkstroom,
} from '../../src/index.ts';
import {
  approveLeaveRequest,
  createLeaveApproval,
  type LeaveRequestInput,
  leaveRequestModule,
  leaveRequestRecord,
  listNotifications,
  openLeaveApp,
  submitLeaveRequest,
} from './leave-request-module.ts';

const MARKER = '// from docs/examples/leave-request-module.ts';

let app: Werkstroom;
/** One command in company ACME, as Anna unless someone else is named. */
const run = <T>(command: (ctx: EngineContext) => Promise<T>, userId = 'ANNA') =>
  app.run({ company: 'ACME', userId }, command);

beforeEach(async () => {
  app = await openLeaveApp('sqlite::memory:');
  await createCompany(app.database.db, { code: 'ACME', name: 'Acme Ltd' }, new Date());
});
afterEach(async () => {
  await app.close();
});

describe('the leave request module', () => {
  it('registers next to the built-in module', () => {
    expect(app.registry.modules).toEqual(['builtin', 'leave-requests']);
    expect(app.registry.event('leave-request.submitted').table).toBe('leave-request');
    expect(app.registry.responsesAllowedAfter('leave-request.approved').map((r) => r.code)).not.toContain(
      'leave-request.notify-manager',
    );
  });

  it('runs a workflow: the event starts it, its responses run, and a later event continues it', async () => {
    await run((ctx) => createLeaveApproval(ctx, 'MARK'));
    expect((await run((ctx) => getWorkflow(ctx, 'LEAVE'))).enabled).toBe(true);

    const outcome = await run((ctx) =>
      submitLeaveRequest(ctx, {
        no: 'LR-1',
        employee: 'Anna',
        startDate: '2026-07-06',
        lines: [
          { kind: 'Holiday', days: 8 },
          { kind: 'Unpaid', days: 2 },
        ],
      }),
    );
    expect(outcome).toMatchObject({ handled: true, started: true });
    expect(outcome.messages).toEqual(['Manager MARK has been told about leave request LR-1.']);

    await run(async (ctx) => {
      // set-status handed the changed record on, so the notification saw "Pending".
      expect(await listNotifications(ctx)).toEqual([
        {
          request_no: 'LR-1',
          manager: 'MARK',
          message: 'Anna asks for 10 days of leave (LR-1, Pending).',
          created_by: 'ANNA',
        },
      ]);
      expect((await leaveRequestRecord(ctx, 'LR-1')).data.status).toBe('Pending');
      expect(await listInstances(ctx)).toHaveLength(1);
    });

    const approved = await run((ctx) => approveLeaveRequest(ctx, 'LR-1'), 'MARK');
    expect(approved).toMatchObject({ handled: true, started: false });
    await run(async (ctx) => {
      expect((await leaveRequestRecord(ctx, 'LR-1')).data.status).toBe('Approved');
      expect(await listInstances(ctx)).toEqual([]);
      expect((await listArchivedInstances(ctx)).map((i) => i.workflowCode)).toEqual(['LEAVE']);
    });
  });

  it('a workflow whose notify-manager step has no manager cannot be enabled', async () => {
    const problems = await run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'NO-MANAGER',
        description: 'Manager missing',
        steps: [
          { id: 1, previousStepId: null, type: 'event', functionCode: 'leave-request.submitted' },
          { id: 2, previousStepId: 1, type: 'response', functionCode: 'leave-request.notify-manager' },
        ],
      });
      return validateWorkflow(ctx, 'NO-MANAGER');
    });
    expect(problems).toEqual([
      {
        code: 'response-options-missing',
        stepId: 2,
        message: 'Step 2 (leave-request.notify-manager) needs these options: manager.',
      },
    ]);
  });

  it('notify-manager is refused after an event that is not one of its predecessors', async () => {
    await expect(
      run((ctx) =>
        createWorkflow(ctx, {
          code: 'LATE-NOTICE',
          description: 'Notice after approval',
          steps: [
            { id: 1, previousStepId: null, type: 'event', functionCode: 'leave-request.submitted' },
            { id: 2, previousStepId: 1, type: 'event', functionCode: 'leave-request.approved' },
            {
              id: 3,
              previousStepId: 2,
              type: 'response',
              functionCode: 'leave-request.notify-manager',
              options: { manager: 'MARK' },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: 'step-combination-not-allowed' });
  });

  it('a condition on the lines starts the workflow only when one line matches', async () => {
    await run(async (ctx) => {
      await createWorkflow(ctx, {
        code: 'UNPAID',
        description: 'Unpaid leave',
        steps: [
          {
            id: 1,
            previousStepId: null,
            type: 'event',
            functionCode: 'leave-request.submitted',
            conditions: { 'leave-request-line': { kind: 'Unpaid' } },
          },
          {
            id: 2,
            previousStepId: 1,
            type: 'response',
            functionCode: 'leave-request.notify-manager',
            options: { manager: 'HR' },
          },
        ],
      });
      await enableWorkflow(ctx, 'UNPAID');
    });
    const holiday: LeaveRequestInput = {
      no: 'LR-2',
      employee: 'Bert',
      startDate: '2026-08-03',
      lines: [{ kind: 'Holiday', days: 5 }],
    };
    const unpaid: LeaveRequestInput = {
      no: 'LR-3',
      employee: 'Bert',
      startDate: '2026-09-07',
      lines: [{ kind: 'Unpaid', days: 1 }],
    };
    expect((await run((ctx) => submitLeaveRequest(ctx, holiday))).handled).toBe(false);
    expect((await run((ctx) => submitLeaveRequest(ctx, unpaid))).handled).toBe(true);
    await run(async (ctx) => expect((await listNotifications(ctx)).map((n) => n.request_no)).toEqual(['LR-3']));
  });

  it("everything the event did is undone when the caller's transaction rolls back", async () => {
    await run((ctx) => createLeaveApproval(ctx, 'MARK'));
    await expect(
      run(async (ctx) => {
        await submitLeaveRequest(ctx, { no: 'LR-4', employee: 'Cas', startDate: '2026-10-05', lines: [] });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    await run(async (ctx) => {
      expect(await listNotifications(ctx)).toEqual([]);
      expect(await listInstances(ctx)).toEqual([]);
    });
  });
});

describe('registry rules', () => {
  it('refuses a module registered twice, a code that is not lower-case words and a repeated description', () => {
    expect(() => createRegistry(builtinModule, leaveRequestModule, leaveRequestModule)).toThrow(
      expect.objectContaining({ code: 'registry-module-duplicate' }),
    );
    const badCode = defineModule({
      name: 'bad-code',
      events: [{ code: 'Leave_Request.Submitted', table: 'leave-request', description: 'Something else.' }],
    });
    expect(() => createRegistry(builtinModule, leaveRequestModule, badCode)).toThrow(
      expect.objectContaining({ code: 'registry-code-invalid' }),
    );
    const sameDescription = defineModule({
      name: 'same-description',
      events: [
        { code: 'leave-request.resubmitted', table: 'leave-request', description: 'A leave request is submitted.' },
      ],
    });
    expect(() => createRegistry(builtinModule, leaveRequestModule, sameDescription)).toThrow(
      expect.objectContaining({ code: 'registry-description-duplicate' }),
    );
  });
});

describe('docs/extending.md', () => {
  const doc = readFileSync(new URL('../extending.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./leave-request-module.ts', import.meta.url), 'utf8');
  const quoted = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((m) => m[1] ?? '')
    .filter((block) => block.startsWith(`${MARKER}\n`))
    .map((block) => block.slice(MARKER.length + 1));

  it('quotes the example module in several places', () => {
    expect(quoted.length).toBeGreaterThanOrEqual(6);
  });

  it.each(quoted.map((block) => [block.split('\n')[0], block] as const))(
    'the block starting "%s" appears verbatim in the example',
    (_, block) => {
      expect(example).toContain(block);
    },
  );
});
