import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, messageSteps, type Session, startTestServer, type TestServer } from './client.ts';

let t: TestServer;
let admin: Session;
let alicia: Session;

beforeAll(async () => {
  t = await startTestServer();
  admin = await t.signIn('ADMIN');
  alicia = await t.signIn('ALICIA');
});
afterAll(async () => t.close());

/** Creates a disabled workflow as ADMIN and returns its body. */
async function create(code: string, steps: unknown[] = messageSteps(), description = `Workflow ${code}`) {
  const reply = await t.call('POST', `${API}/workflows`, { as: admin, body: { code, description, steps } });
  expect(reply.status, reply.text).toBe(201);
  return reply.body;
}

function expectProblem(reply: { status: number; headers: Record<string, unknown>; body: unknown }, status: number) {
  expect(reply.status).toBe(status);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  return reply.body as { code: string; field?: string; [key: string]: unknown };
}

describe('listing and reading workflows', () => {
  it('lists workflows and templates, filtered by category and enabled state', async () => {
    const all = await t.call('GET', `${API}/workflows`, { as: alicia });
    expect(all.status).toBe(200);
    const codes = all.body.map((w: { code: string }) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['WS-POAPW', 'WS-POAPW-01', 'WS-SOAPW-01', 'WS-CUSTAPW-01']));

    const enabled = await t.call('GET', `${API}/workflows?enabled=true`, { as: alicia });
    expect(enabled.body.map((w: { code: string }) => w.code).sort()).toEqual([
      'WS-CUSTAPW-01',
      'WS-OVERDUE-01',
      'WS-POAPW-01',
      'WS-SOAPW-01',
    ]);
    const disabled = await t.call('GET', `${API}/workflows?enabled=false`, { as: alicia });
    expect(disabled.body.every((w: { enabled: boolean }) => !w.enabled)).toBe(true);
    expect(disabled.body.length + enabled.body.length).toBe(all.body.length);

    const purchase = await t.call('GET', `${API}/workflows?category=purchdoc`, { as: alicia });
    expect(purchase.body.length).toBeGreaterThan(0);
    expect(purchase.body.every((w: { category: string }) => w.category === 'PURCHDOC')).toBe(true);
    expect(purchase.body[0]).toEqual({
      code: expect.any(String),
      description: expect.any(String),
      category: 'PURCHDOC',
      enabled: expect.any(Boolean),
      template: expect.any(Boolean),
      revision: expect.any(Number),
    });
  });

  it('refuses a query value that is not a boolean, naming the parameter', async () => {
    const reply = await t.call('GET', `${API}/workflows?enabled=perhaps`, { as: alicia });
    expect(expectProblem(reply, 400)).toMatchObject({ code: 'request-invalid', field: 'enabled' });
  });

  it('reads one workflow with its steps in words and its revision as ETag', async () => {
    const reply = await t.call('GET', `${API}/workflows/ws-poapw-01`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.headers.etag).toBe(`"${reply.body.revision}"`);
    expect(reply.body).toMatchObject({ code: 'WS-POAPW-01', enabled: true, template: false, category: 'PURCHDOC' });
    const [first, second] = reply.body.steps;
    expect(first).toMatchObject({
      id: 1,
      type: 'event',
      functionCode: 'purchase-document.approval-requested',
      entryPoint: true,
      summary: 'Approval of a purchase document is requested.',
      condition: 'Document type: order, Status: Open',
    });
    expect(second).toMatchObject({ type: 'response', summary: expect.any(String) });
    expect(second.condition).toBeUndefined();
    const create = reply.body.steps.find(
      (s: { functionCode: string }) => s.functionCode === 'approval.create-requests',
    );
    expect(create.summary).toBe('Create approval requests, routed by approver and approver-chain.');
  });

  it('answers 404 for a workflow that does not exist and 400 for a code longer than 20 characters', async () => {
    expect(expectProblem(await t.call('GET', `${API}/workflows/NOPE`, { as: admin }), 404).code).toBe(
      'workflow-not-found',
    );
    const long = await t.call('GET', `${API}/workflows/${'X'.repeat(21)}`, { as: admin });
    expect(expectProblem(long, 400)).toMatchObject({ code: 'request-invalid', field: 'code' });
  });
});

describe('creating and editing', () => {
  it('creates a disabled workflow: 201 with Location and ETag', async () => {
    const reply = await t.call('POST', `${API}/workflows`, {
      as: admin,
      body: { code: 'new-1', description: 'New one', category: 'purch', steps: messageSteps('Hi') },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.location).toBe(`${API}/workflows/NEW-1`);
    expect(reply.headers.etag).toBe('"1"');
    expect(reply.body).toMatchObject({ code: 'NEW-1', description: 'New one', category: 'PURCH', enabled: false });
    expect(reply.body.steps[1]).toMatchObject({ options: { message: 'Hi' }, summary: 'Show the message "Hi".' });
    const read = await t.call('GET', `${API}/workflows/NEW-1`, { as: alicia });
    expect(read.body).toEqual(reply.body);
  });

  it('refuses bad bodies with problem+json naming the field', async () => {
    const cases: [body: unknown, code: string, field: string][] = [
      [{ code: 'X'.repeat(21), description: 'Too long a code' }, 'request-invalid', 'code'],
      [{ code: 'NO-DESC' }, 'request-invalid', 'description'],
      [{ code: 'BAD-DESC', description: 'x'.repeat(101) }, 'request-invalid', 'description'],
      [
        { code: 'BAD-STEP', description: 'd', steps: [{ id: 0, type: 'event', functionCode: '' }] },
        'request-invalid',
        'steps.0.id',
      ],
      [
        { code: 'BAD-TYPE', description: 'd', steps: [{ id: 1, type: 'start', functionCode: '' }] },
        'request-invalid',
        'steps.0.type',
      ],
      [{ code: 'WS-MINE', description: 'd' }, 'workflow-code-reserved', 'code'],
      [{ code: 'BAD CODE', description: 'd' }, 'workflow-code-invalid', 'code'],
      [{ code: 'BAD-CAT', description: 'd', category: 'NOPE' }, 'workflow-category-unknown', 'category'],
      [{ code: 'taken-1', description: 'd' }, 'workflow-code-taken', 'code'],
    ];
    await create('TAKEN-1');
    for (const [body, code, field] of cases) {
      const reply = await t.call('POST', `${API}/workflows`, { as: admin, body });
      expect(reply.status, JSON.stringify(body)).toBe(code === 'workflow-code-taken' ? 409 : 400);
      expect(reply.body, JSON.stringify(body)).toMatchObject({ code, field });
    }
    const unknownEvent = await t.call('POST', `${API}/workflows`, {
      as: admin,
      body: { code: 'BAD-EVENT', description: 'd', steps: [{ id: 1, type: 'event', functionCode: 'no.such-event' }] },
    });
    expect(expectProblem(unknownEvent, 400)).toMatchObject({ code: 'event-unknown', stepId: 1 });
    const malformed = await t.call('POST', `${API}/workflows`, { as: admin, body: '{"code": ' });
    expect(expectProblem(malformed, 400).code).toBe('json-malformed');
    const list = await t.call('GET', `${API}/workflows`, { as: admin });
    expect(list.body.some((w: { code: string }) => w.code.startsWith('BAD') || w.code === 'NO-DESC')).toBe(false);
  });

  it('PUT changes description and category, or replaces the steps, and bumps the ETag', async () => {
    await create('EDIT-1');
    const renamed = await t.call('PUT', `${API}/workflows/EDIT-1`, {
      as: admin,
      headers: { 'if-match': '"1"' },
      body: { description: 'Renamed', category: 'fin' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).toBe('"2"');
    expect(renamed.body).toMatchObject({ description: 'Renamed', category: 'FIN', revision: 2 });
    expect(renamed.body.steps).toHaveLength(2);

    // A client may send back the steps it read: summary, condition and entryPoint are ignored.
    const steps = [...renamed.body.steps, { id: 3, previousStepId: 1, type: 'response', functionCode: 'do-nothing' }];
    const replaced = await t.call('PUT', `${API}/workflows/EDIT-1`, { as: admin, body: { steps } });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body.steps.map((s: { id: number }) => s.id)).toEqual([1, 2, 3]);
    expect(replaced.body.steps[2].summary).toBe('Do nothing.');
    expect(replaced.body.description).toBe('Renamed');
  });

  it('PUT with a stale If-Match is refused with 412 and changes nothing', async () => {
    await create('STALE-1');
    await t.call('PUT', `${API}/workflows/STALE-1`, { as: admin, body: { description: 'Second' } });
    const stale = await t.call('PUT', `${API}/workflows/STALE-1`, {
      as: admin,
      headers: { 'if-match': '"1"' },
      body: { description: 'Lost update' },
    });
    expect(expectProblem(stale, 412)).toMatchObject({ code: 'workflow-revision-stale', revision: 2 });
    const read = await t.call('GET', `${API}/workflows/STALE-1`, { as: admin });
    expect(read.body).toMatchObject({ description: 'Second', revision: 2 });
    const star = await t.call('PUT', `${API}/workflows/STALE-1`, {
      as: admin,
      headers: { 'if-match': '*' },
      body: { description: 'Any revision' },
    });
    expect(star.status).toBe(200);
    const garbage = await t.call('PUT', `${API}/workflows/STALE-1`, {
      as: admin,
      headers: { 'if-match': 'yesterday' },
      body: { description: 'x' },
    });
    expect(expectProblem(garbage, 400).code).toBe('if-match-invalid');
  });

  it('an enabled workflow cannot be edited (409) and a template is read-only (400)', async () => {
    const enabled = await t.call('PUT', `${API}/workflows/WS-POAPW-01`, { as: admin, body: { description: 'x' } });
    expect(expectProblem(enabled, 409).code).toBe('workflow-enabled');
    const template = await t.call('PUT', `${API}/workflows/WS-POAPW`, { as: admin, body: { description: 'x' } });
    expect(expectProblem(template, 400).code).toBe('workflow-template-read-only');
    // The precondition is checked first: a stale If-Match wins over the enabled state.
    const stale = await t.call('PUT', `${API}/workflows/WS-POAPW-01`, {
      as: admin,
      headers: { 'if-match': '"999"' },
      body: { description: 'x' },
    });
    expect(expectProblem(stale, 412).code).toBe('workflow-revision-stale');
  });

  it('PUT refuses a step that may not follow its event, naming the step', async () => {
    await create('COMBO-1');
    const reply = await t.call('PUT', `${API}/workflows/COMBO-1`, {
      as: admin,
      body: {
        steps: [...messageSteps(), { id: 3, previousStepId: 1, type: 'response', functionCode: 'document.release' }],
      },
    });
    expect(expectProblem(reply, 400)).toMatchObject({
      code: 'step-combination-not-allowed',
      stepId: 3,
      field: 'functionCode',
    });
  });
});

describe('validating, enabling, disabling', () => {
  it('validate lists every problem and changes nothing', async () => {
    await create('VAL-1', []);
    const reply = await t.call('POST', `${API}/workflows/VAL-1/validate`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.body.valid).toBe(false);
    expect(reply.body.problems).toEqual([{ code: 'entry-point-missing', message: expect.any(String) }]);
    expect((await t.call('GET', `${API}/workflows/VAL-1`, { as: alicia })).body.revision).toBe(1);
    const enabled = await t.call('POST', `${API}/workflows/WS-POAPW-01/validate`, { as: alicia });
    expect(enabled.body).toEqual({ valid: true, problems: [] });
    await create('VAL-2');
    expect((await t.call('POST', `${API}/workflows/VAL-2/validate`, { as: alicia })).body).toEqual({
      valid: true,
      problems: [],
    });
  });

  it('enable honours If-Match, refuses an invalid workflow with its problems, and marks the entry point', async () => {
    await create('EN-1');
    const stale = await t.call('POST', `${API}/workflows/EN-1/enable`, { as: admin, headers: { 'if-match': '"7"' } });
    expect(expectProblem(stale, 412).code).toBe('workflow-revision-stale');
    const enabled = await t.call('POST', `${API}/workflows/EN-1/enable`, { as: admin, headers: { 'if-match': '"1"' } });
    expect(enabled.status).toBe(200);
    expect(enabled.headers.etag).toBe('"2"');
    expect(enabled.body).toMatchObject({ enabled: true, revision: 2 });
    expect(enabled.body.steps[0].entryPoint).toBe(true);

    await create('EN-2', []);
    const invalid = await t.call('POST', `${API}/workflows/EN-2/enable`, { as: admin });
    expect(expectProblem(invalid, 400)).toMatchObject({
      code: 'workflow-not-valid',
      problems: [{ code: 'entry-point-missing', message: expect.any(String) }],
    });

    const disabled = await t.call('POST', `${API}/workflows/EN-1/disable`, {
      as: admin,
      headers: { 'if-match': '"2"' },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ enabled: false, revision: 3 });
    expect(disabled.headers.etag).toBe('"3"');
    const staleDisable = await t.call('POST', `${API}/workflows/WS-SOAPW-01/disable`, {
      as: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(expectProblem(staleDisable, 412).code).toBe('workflow-revision-stale');
  });

  it('disable refuses a sub-workflow of enabled workflows unless ?withParents=true', async () => {
    await create('SUB-1', [
      { id: 1, previousStepId: null, type: 'event', functionCode: 'item.approval-requested' },
      { id: 2, previousStepId: 1, type: 'response', functionCode: 'do-nothing' },
    ]);
    await create('MAIN-1', [
      { id: 1, previousStepId: null, type: 'event', functionCode: 'vendor.approval-requested' },
      { id: 2, previousStepId: 1, type: 'sub-workflow', functionCode: 'SUB-1' },
    ]);
    expect((await t.call('POST', `${API}/workflows/SUB-1/enable`, { as: admin })).status).toBe(200);
    const main = await t.call('POST', `${API}/workflows/MAIN-1/enable`, { as: admin });
    expect(main.status, main.text).toBe(200);

    const refused = await t.call('POST', `${API}/workflows/SUB-1/disable`, { as: admin });
    expect(expectProblem(refused, 409)).toMatchObject({ code: 'workflow-used-as-sub-workflow', parents: ['MAIN-1'] });
    const both = await t.call('POST', `${API}/workflows/SUB-1/disable?withParents=true`, { as: admin });
    expect(both.status).toBe(200);
    expect(both.body.enabled).toBe(false);
    expect((await t.call('GET', `${API}/workflows/MAIN-1`, { as: admin })).body.enabled).toBe(false);
  });
});

describe('deleting and copying', () => {
  it('DELETE honours If-Match and removes a disabled workflow; an enabled one is refused (409)', async () => {
    await create('DEL-1');
    const stale = await t.call('DELETE', `${API}/workflows/DEL-1`, { as: admin, headers: { 'if-match': '"2"' } });
    expect(expectProblem(stale, 412).code).toBe('workflow-revision-stale');
    const deleted = await t.call('DELETE', `${API}/workflows/DEL-1`, { as: admin, headers: { 'if-match': '"1"' } });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ ok: true });
    expect((await t.call('GET', `${API}/workflows/DEL-1`, { as: admin })).status).toBe(404);
    expect(expectProblem(await t.call('DELETE', `${API}/workflows/DEL-1`, { as: admin }), 404).code).toBe(
      'workflow-not-found',
    );
    const enabled = await t.call('DELETE', `${API}/workflows/WS-POAPW-01`, { as: admin });
    expect(expectProblem(enabled, 409).code).toBe('workflow-enabled');
  });

  it('copies a workflow to the next free code, or to the code given', async () => {
    const next = await t.call('POST', `${API}/workflows/WS-POAPW-01/copy`, { as: admin });
    expect(next.status, next.text).toBe(201);
    expect(next.body).toMatchObject({ code: 'WS-POAPW-01-01', enabled: false, description: 'Purchase order approval' });
    expect(next.headers.location).toBe(`${API}/workflows/WS-POAPW-01-01`);

    const named = await t.call('POST', `${API}/workflows/WS-POAPW-01/copy`, {
      as: admin,
      body: { code: 'po-mine', description: 'My purchase orders' },
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({ code: 'PO-MINE', description: 'My purchase orders' });
    const original = await t.call('GET', `${API}/workflows/WS-POAPW-01`, { as: admin });
    expect(named.body.steps.map((s: { functionCode: string }) => s.functionCode)).toEqual(
      original.body.steps.map((s: { functionCode: string }) => s.functionCode),
    );

    const taken = await t.call('POST', `${API}/workflows/WS-POAPW-01/copy`, { as: admin, body: { code: 'PO-MINE' } });
    expect(expectProblem(taken, 409)).toMatchObject({ code: 'workflow-code-taken', field: 'code' });
    const tooLong = await t.call('POST', `${API}/workflows/WS-POAPW-01/copy`, {
      as: admin,
      body: { code: 'C'.repeat(21) },
    });
    expect(expectProblem(tooLong, 400)).toMatchObject({ code: 'request-invalid', field: 'code' });
    const missing = await t.call('POST', `${API}/workflows/NOPE/copy`, { as: admin, body: {} });
    expect(expectProblem(missing, 404).code).toBe('workflow-not-found');
  });
});
