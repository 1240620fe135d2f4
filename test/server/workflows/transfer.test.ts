import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW_TEMPLATES } from '../../../src/templates/index.ts';
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

describe('workflow categories', () => {
  it('lists the categories and creates or updates one with PUT', async () => {
    const before = await t.call('GET', `${API}/workflow-categories`, { as: alicia });
    expect(before.status).toBe(200);
    expect(before.body).toContainEqual({ code: 'PURCHDOC', description: 'Purchase documents' });

    const created = await t.call('PUT', `${API}/workflow-categories/hr`, {
      as: admin,
      body: { description: 'Human resources' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ code: 'HR', description: 'Human resources' });
    const updated = await t.call('PUT', `${API}/workflow-categories/HR`, {
      as: admin,
      body: { description: 'People' },
    });
    expect(updated.body).toEqual({ code: 'HR', description: 'People' });
    const after = await t.call('GET', `${API}/workflow-categories`, { as: alicia });
    expect(after.body).toContainEqual({ code: 'HR', description: 'People' });
    expect(after.body).toHaveLength(before.body.length + 1);
  });

  it('refuses a bad body or code, naming the field', async () => {
    const missing = await t.call('PUT', `${API}/workflow-categories/X`, { as: admin, body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'request-invalid', field: 'description' });
    const long = await t.call('PUT', `${API}/workflow-categories/${'C'.repeat(21)}`, {
      as: admin,
      body: { description: 'x' },
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'request-invalid', field: 'code' });
  });
});

describe('templates', () => {
  it('lists the templates with their step counts', async () => {
    const reply = await t.call('GET', `${API}/templates`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveLength(WORKFLOW_TEMPLATES.length);
    const po = WORKFLOW_TEMPLATES.find((w) => w.code === 'WS-POAPW');
    expect(reply.body).toContainEqual({
      code: 'WS-POAPW',
      description: 'Purchase order approval',
      category: 'PURCHDOC',
      stepCount: po?.steps.length,
    });
  });

  it('creates a workflow from a template, at the next free copy code or the code given', async () => {
    const next = await t.call('POST', `${API}/templates/ws-poapw/copy`, { as: admin });
    expect(next.status, next.text).toBe(201);
    // The demo company already holds WS-POAPW-01.
    expect(next.body).toMatchObject({ code: 'WS-POAPW-02', enabled: false, template: false, category: 'PURCHDOC' });
    expect(next.headers.location).toBe(`${API}/workflows/WS-POAPW-02`);
    expect(next.headers.etag).toBe('"1"');

    const named = await t.call('POST', `${API}/templates/WS-VENDAPW/copy`, { as: admin, body: { code: 'VEND' } });
    expect(named.status).toBe(201);
    expect(named.body.code).toBe('VEND');
    expect(named.body.steps).toHaveLength(WORKFLOW_TEMPLATES.find((w) => w.code === 'WS-VENDAPW')?.steps.length ?? 0);

    const unknown = await t.call('POST', `${API}/templates/WS-NOPE/copy`, { as: admin, body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('template-not-found');
    const tooLong = await t.call('POST', `${API}/templates/WS-POAPW/copy`, {
      as: admin,
      body: { code: 'T'.repeat(21) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'request-invalid', field: 'code' });
  });
});

describe('export and import', () => {
  it('exports one workflow as the export file, as JSON, with a file name', async () => {
    const reply = await t.call('GET', `${API}/workflows/ws-poapw-01/export`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['content-disposition']).toBe('attachment; filename="WS-POAPW-01.json"');
    expect(reply.text.endsWith('}\n')).toBe(true);
    expect(reply.body).toMatchObject({
      format: 'werkstroom.workflows',
      version: 1,
      categories: [{ code: 'PURCHDOC', description: 'Purchase documents' }],
      workflows: [{ code: 'WS-POAPW-01', category: 'PURCHDOC' }],
    });
  });

  it('exports several workflows in the order named; unknown codes are 404', async () => {
    const reply = await t.call('GET', `${API}/workflows/export?codes=WS-SOAPW-01,%20ws-poapw-01,WS-SOAPW-01`, {
      as: alicia,
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-disposition']).toBe('attachment; filename="workflows.json"');
    expect(reply.body.workflows.map((w: { code: string }) => w.code)).toEqual(['WS-SOAPW-01', 'WS-POAPW-01']);
    const missing = await t.call('GET', `${API}/workflows/export?codes=WS-SOAPW-01,NOPE`, { as: alicia });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('workflow-not-found');
    const none = await t.call('GET', `${API}/workflows/export?codes=,`, { as: alicia });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'export-codes-required', field: 'codes' });
    const absent = await t.call('GET', `${API}/workflows/export`, { as: alicia });
    expect(absent.status).toBe(400);
    expect(absent.body).toMatchObject({ code: 'request-invalid', field: 'codes' });
  });

  it('round trip: export, delete, import and export again give the same bytes', async () => {
    await t.call('PUT', `${API}/workflow-categories/RT`, { as: admin, body: { description: 'Round trip' } });
    const steps = [
      {
        id: 1,
        previousStepId: null,
        type: 'event',
        functionCode: 'vendor.approval-requested',
        conditions: { vendor: { name: '@*north*', no: 'V1..V9' } },
        description: 'Start',
      },
      { id: 2, previousStepId: 1, type: 'response', functionCode: 'show-message', options: { message: 'Ünïcödé ✓' } },
      { id: 3, previousStepId: 1, type: 'response', functionCode: 'do-nothing', sequence: 2 },
    ];
    for (const code of ['RT-MAIN', 'RT-OTHER']) {
      const created = await t.call('POST', `${API}/workflows`, {
        as: admin,
        body: { code, description: `Round trip ${code}`, category: 'RT', steps },
      });
      expect(created.status, created.text).toBe(201);
    }
    const exported = await t.call('GET', `${API}/workflows/export?codes=RT-MAIN,RT-OTHER`, { as: admin });
    expect(exported.status).toBe(200);
    for (const code of ['RT-MAIN', 'RT-OTHER']) {
      expect((await t.call('DELETE', `${API}/workflows/${code}`, { as: admin })).status).toBe(200);
    }

    const imported = await t.call('POST', `${API}/workflows/import`, { as: admin, body: exported.text });
    expect(imported.status, imported.text).toBe(200);
    expect(imported.body).toEqual({ imported: ['RT-MAIN', 'RT-OTHER'] });
    const again = await t.call('GET', `${API}/workflows/export?codes=RT-MAIN,RT-OTHER`, { as: admin });
    expect(again.text).toBe(exported.text);

    // Importing over existing disabled workflows replaces them, and still round-trips.
    const replaced = await t.call('POST', `${API}/workflows/import`, { as: admin, body: exported.text });
    expect(replaced.body).toEqual({ imported: ['RT-MAIN', 'RT-OTHER'] });
    expect((await t.call('GET', `${API}/workflows/export?codes=RT-MAIN,RT-OTHER`, { as: admin })).text).toBe(
      exported.text,
    );
  });

  it('refuses an import file that does not match the format, naming the place, and imports nothing', async () => {
    const file = (await t.call('GET', `${API}/workflows/WS-POAPW-01/export`, { as: admin })).body;
    const renamed = { ...file, workflows: [{ ...file.workflows[0], code: 'IMP-1' }] };

    const wrongVersion = await t.call('POST', `${API}/workflows/import`, {
      as: admin,
      body: { ...renamed, version: 2 },
    });
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.body).toMatchObject({ code: 'request-invalid', field: 'version' });
    const extraKey = await t.call('POST', `${API}/workflows/import`, {
      as: admin,
      body: { ...renamed, workflows: [{ ...renamed.workflows[0], colour: 'blue' }] },
    });
    expect(extraKey.status).toBe(400);
    expect(extraKey.body.code).toBe('request-invalid');
    const longCode = await t.call('POST', `${API}/workflows/import`, {
      as: admin,
      body: { ...renamed, workflows: [{ ...renamed.workflows[0], code: 'I'.repeat(21) }] },
    });
    expect(longCode.status).toBe(400);
    expect(longCode.body).toMatchObject({ code: 'workflow-code-too-long', field: 'code' });
    // Over an enabled workflow: refused as a whole.
    const overEnabled = await t.call('POST', `${API}/workflows/import`, {
      as: admin,
      body: { ...file, workflows: [renamed.workflows[0], file.workflows[0]] },
    });
    expect(overEnabled.status).toBe(409);
    expect(overEnabled.body.code).toBe('workflow-enabled');
    expect((await t.call('GET', `${API}/workflows/IMP-1`, { as: admin })).status).toBe(404);

    const ok = await t.call('POST', `${API}/workflows/import`, { as: admin, body: renamed });
    expect(ok.body).toEqual({ imported: ['IMP-1'] });
  });

  it('import is a write: ALICIA gets 403 role-required', async () => {
    const file = (await t.call('GET', `${API}/workflows/export?codes=WS-POAPW-01`, { as: admin })).body;
    const reply = await t.call('POST', `${API}/workflows/import`, {
      as: alicia,
      body: { ...file, workflows: [{ ...file.workflows[0], code: 'BY-ALICIA' }] },
    });
    expect(reply.status).toBe(403);
    expect(reply.body.code).toBe('role-required');
  });
});

describe('a workflow made over HTTP is usable by the designer flow end to end', () => {
  it('create → validate → enable → export shows the same steps', async () => {
    await t.call('POST', `${API}/workflows`, {
      as: admin,
      body: { code: 'E2E', description: 'End to end', steps: messageSteps('Done') },
    });
    expect((await t.call('POST', `${API}/workflows/E2E/validate`, { as: admin })).body.valid).toBe(true);
    expect((await t.call('POST', `${API}/workflows/E2E/enable`, { as: admin })).body.enabled).toBe(true);
    const file = (await t.call('GET', `${API}/workflows/E2E/export`, { as: admin })).body;
    expect(file.workflows[0].steps.map((s: { functionCode: string }) => s.functionCode)).toEqual([
      'vendor.approval-requested',
      'show-message',
    ]);
  });
});
