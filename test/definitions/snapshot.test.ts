import { expect, it } from 'vitest';
import { buildSnapshot, type WorkflowSnapshot } from '../../src/engine/definition/snapshot.ts';
import type { WorkflowStepInput } from '../../src/engine/definition/types.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { event, log, response } from '../support/harness.ts';
import { expectThrows, stored, subWorkflow } from './definition-helpers.ts';

/** A loader over workflows given inline; unknown codes have no steps. */
const loader = (definitions: Record<string, readonly WorkflowStepInput[]>) => (code: string) =>
  (definitions[code] ?? []).map(stored);

/** [id, previous, next, where the step came from], the shape the reference describes in §2.6. */
const rows = (snapshot: WorkflowSnapshot) =>
  snapshot.steps.map((s) => [s.id, s.previousStepId, s.nextStepId, `${s.originalWorkflowCode}/${s.originalStepId}`]);

/** A sub-workflow with a reminder, then two ways out (approved / rejected), both open. */
const TWO_ENDS: readonly WorkflowStepInput[] = [
  event(1, null, 'expense.reminded'),
  log(2, 1, 'reminded'),
  event(3, 2, 'expense.approved'),
  log(4, 3, 'sub approved'),
  event(5, 2, 'expense.rejected'),
  log(6, 5, 'sub rejected'),
];

describeEachDialect('building the snapshot instances run on (reference §2.6)', () => {
  it('steps are numbered breadth-first from the entry point, children in step id order', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [
          event(10, null, 'expense.submitted', { conditions: { expense: { amount: '>100' } } }),
          event(30, 10, 'expense.rejected', { sequence: 2 }),
          event(20, 10, 'expense.approved', { sequence: 1 }),
          log(50, 20, 'approved'),
          log(40, 30, 'rejected'),
          response(60, 50, 'expense.set-status', { status: 'Approved' }, { description: 'Close it' }),
        ],
      }),
    );
    expect(snapshot).toMatchObject({ workflowCode: 'MAIN', description: 'Main' });
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/10'],
      [2, 1, null, 'MAIN/20'],
      [3, 1, null, 'MAIN/30'],
      [4, 2, null, 'MAIN/50'],
      [5, 3, null, 'MAIN/40'],
      [6, 4, null, 'MAIN/60'],
    ]);
    expect(snapshot.steps.map((s) => s.entryPoint)).toEqual([true, false, false, false, false, false]);
    expect(snapshot.steps[0]).toMatchObject({
      type: 'event',
      functionCode: 'expense.submitted',
      conditions: { expense: { amount: '>100' } },
    });
    expect(snapshot.steps.map((s) => s.sequence)).toEqual([1, 1, 2, 1, 1, 1]);
    expect(snapshot.steps[5]).toMatchObject({
      type: 'response',
      functionCode: 'expense.set-status',
      options: { status: 'Approved' },
      description: 'Close it',
    });
  });

  it('a sub-workflow is expanded in place; the steps after it hang under its first open end, and its other open ends go there', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'sent'),
          subWorkflow(3, 2, 'SUB'),
          event(4, 3, 'expense.changed'),
          log(5, 4, 'main changed'),
        ],
        SUB: TWO_ENDS,
      }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'MAIN/2'],
      [3, 2, null, 'SUB/1'],
      [4, 3, null, 'SUB/2'],
      [5, 4, null, 'SUB/3'],
      [6, 4, null, 'SUB/5'],
      [7, 5, null, 'SUB/4'],
      [8, 6, 7, 'SUB/6'],
      [9, 7, null, 'MAIN/4'],
      [10, 9, null, 'MAIN/5'],
    ]);
    expect(snapshot.steps.some((s) => (s.type as string) === 'sub-workflow')).toBe(false);
  });

  it('an end of a sub-workflow that already goes somewhere keeps its link, remapped inside the copy', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB'), event(3, 2, 'expense.changed')],
        SUB: [
          event(1, null, 'expense.reminded'),
          log(2, 1, 'reminded'),
          event(3, 2, 'expense.approved'),
          log(4, 3, 'ok'),
          event(5, 2, 'expense.rejected'),
          log(6, 5, 'remind again', { nextStepId: 1 }),
        ],
      }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'SUB/1'],
      [3, 2, null, 'SUB/2'],
      [4, 3, null, 'SUB/3'],
      [5, 3, null, 'SUB/5'],
      [6, 4, null, 'SUB/4'],
      [7, 5, 2, 'SUB/6'],
      [8, 6, null, 'MAIN/3'],
    ]);
  });

  it('a sub-workflow that nothing follows keeps its ends as they are', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({ MAIN: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB')], SUB: TWO_ENDS }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'SUB/1'],
      [3, 2, null, 'SUB/2'],
      [4, 3, null, 'SUB/3'],
      [5, 3, null, 'SUB/5'],
      [6, 4, null, 'SUB/4'],
      [7, 5, null, 'SUB/6'],
    ]);
  });

  it('steps cannot follow a sub-workflow whose every end goes somewhere else', () => {
    const definitions = {
      MAIN: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'LOOP'), log(3, 2, 'after')],
      LOOP: [event(1, null, 'expense.reminded'), log(2, 1, 'again', { nextStepId: 1 })],
    };
    expectThrows(() => buildSnapshot('MAIN', 'Main', loader(definitions)), 'sub-workflow-no-open-end', {
      stepId: 2,
    });
    const alone = buildSnapshot('MAIN', 'Main', loader({ ...definitions, MAIN: definitions.MAIN.slice(0, 2) }));
    expect(rows(alone)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'LOOP/1'],
      [3, 2, 2, 'LOOP/2'],
    ]);
  });

  it('go-to links are remapped, and a link to a response moves to the last response before the next event', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [
          event(1, null, 'expense.submitted'),
          log(7, 1, 'a'),
          log(3, 7, 'b'),
          event(2, 3, 'expense.approved'),
          log(5, 2, 'c', { nextStepId: 7 }),
          event(6, 3, 'expense.rejected'),
          log(4, 6, 'd', { nextStepId: 2 }),
        ],
      }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'MAIN/7'],
      [3, 2, null, 'MAIN/3'],
      [4, 3, null, 'MAIN/2'],
      [5, 3, null, 'MAIN/6'],
      [6, 4, 3, 'MAIN/5'],
      [7, 5, 4, 'MAIN/4'],
    ]);
  });

  it('a link to a response chain that ends without an event moves to its final response', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [
          event(1, null, 'expense.submitted'),
          log(2, 1, 'x'),
          log(3, 2, 'y'),
          event(4, 1, 'expense.reminded', { sequence: 2 }),
          log(5, 4, 'z', { nextStepId: 2 }),
        ],
      }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'MAIN/2'],
      [3, 1, null, 'MAIN/4'],
      [4, 2, null, 'MAIN/3'],
      [5, 3, 4, 'MAIN/5'],
    ]);
  });

  it('a link to a sub-workflow step goes to the first step of its copy', () => {
    const snapshot = buildSnapshot(
      'MAIN',
      'Main',
      loader({
        MAIN: [
          event(1, null, 'expense.submitted'),
          subWorkflow(2, 1, 'SUB'),
          event(3, 2, 'expense.changed'),
          log(4, 3, 'once more', { nextStepId: 2 }),
        ],
        SUB: [event(1, null, 'expense.reminded'), log(2, 1, 'reminded')],
      }),
    );
    expect(rows(snapshot)).toEqual([
      [1, null, null, 'MAIN/1'],
      [2, 1, null, 'SUB/1'],
      [3, 2, null, 'SUB/2'],
      [4, 3, null, 'MAIN/3'],
      [5, 4, 2, 'MAIN/4'],
    ]);
  });

  it('a workflow that reaches itself through its sub-workflows is refused', () => {
    expectThrows(
      () =>
        buildSnapshot(
          'A',
          'A',
          loader({
            A: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'B')],
            B: [event(1, null, 'expense.reminded'), subWorkflow(5, 1, 'A')],
          }),
        ),
      'sub-workflow-cycle',
      { stepId: 5 },
    );
    expectThrows(
      () => buildSnapshot('A', 'A', loader({ A: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'A')] })),
      'sub-workflow-cycle',
      { stepId: 2 },
    );
  });

  it('a workflow or sub-workflow without steps has nothing to expand', () => {
    expectThrows(() => buildSnapshot('MAIN', 'Main', loader({})), 'workflow-entry-point-missing');
    expectThrows(
      () =>
        buildSnapshot('MAIN', 'Main', loader({ MAIN: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'E')] })),
      'sub-workflow-empty',
      { stepId: 2 },
    );
  });

  it('building twice from the same definition gives the same snapshot and leaves the definition unchanged', () => {
    const definitions = {
      MAIN: [event(1, null, 'expense.submitted'), subWorkflow(2, 1, 'SUB'), event(3, 2, 'expense.changed')],
      SUB: TWO_ENDS,
    };
    const copy = structuredClone(definitions);
    const first = buildSnapshot('MAIN', 'Main', loader(definitions));
    expect(buildSnapshot('MAIN', 'Main', loader(definitions))).toEqual(first);
    expect(definitions).toEqual(copy);
  });
});
