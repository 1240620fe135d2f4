import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Session, startTestServer, type TestServer } from './client.ts';

let t: TestServer;
let alicia: Session;

beforeAll(async () => {
  t = await startTestServer();
  alicia = await t.signIn('ALICIA');
});
afterAll(async () => t.close());

interface Listed {
  code: string;
  predecessors: string[];
}
const codes = (items: Listed[]) => items.map((i) => i.code);

describe('catalogue', () => {
  it('lists every event with its table and predecessors', async () => {
    const reply = await t.call('GET', `${API}/catalogue/events`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(codes(reply.body)).toEqual(t.app.registry.events.map((e) => e.code));
    expect(reply.body).toContainEqual({
      code: 'purchase-document.approval-request-canceled',
      table: 'purchase-header',
      description: expect.any(String),
      predecessors: ['purchase-document.approval-requested'],
      usedForRecordChange: false,
    });
  });

  it('?after= offers only the events allowed after that event', async () => {
    const reply = await t.call('GET', `${API}/catalogue/events?after=purchase-document.approval-requested`, {
      as: alicia,
    });
    expect(reply.status).toBe(200);
    const offered = codes(reply.body);
    expect(offered).toContain('purchase-document.approval-request-canceled');
    expect(offered).toContain('approval-entry.approved');
    expect(offered).not.toContain('sales-document.approval-request-canceled');
    for (const event of reply.body as Listed[]) {
      expect(
        event.predecessors.length === 0 || event.predecessors.includes('purchase-document.approval-requested'),
      ).toBe(true);
    }
  });

  it('lists responses with their options as JSON Schema and the options mandatory when empty', async () => {
    const reply = await t.call('GET', `${API}/catalogue/responses`, { as: alicia });
    expect(reply.status).toBe(200);
    expect(codes(reply.body)).toEqual(t.app.registry.responses.map((r) => r.code));
    const byCode = new Map(reply.body.map((r: Listed) => [r.code, r]));
    expect(byCode.get('do-nothing')).toEqual({
      code: 'do-nothing',
      description: 'Do nothing.',
      table: null,
      predecessors: [],
      requires: [],
      options: null,
      mandatoryWhenEmpty: [],
    });
    expect(byCode.get('show-message')).toMatchObject({
      options: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { message: { type: 'string', maxLength: 250 } },
      },
    });
    expect(byCode.get('notification.create-entry')).toMatchObject({ mandatoryWhenEmpty: ['recipientId'] });
    expect(byCode.get('approval.create-requests')).toMatchObject({
      options: {
        type: 'object',
        properties: {
          approverType: { type: 'string', enum: ['salesperson-purchaser', 'approver', 'workflow-user-group'] },
        },
      },
    });
  });

  it('?after= offers only the responses allowed after that event', async () => {
    const reply = await t.call('GET', `${API}/catalogue/responses?after=approval-entry.approved`, { as: alicia });
    expect(reply.status).toBe(200);
    const offered = codes(reply.body);
    const expected = t.app.registry.responsesAllowedAfter('approval-entry.approved').map((r) => r.code);
    expect(offered).toEqual(expected);
    expect(offered).toEqual(expect.arrayContaining(['document.release', 'approval.send-requests', 'record.allow']));
    for (const refused of [
      'document.set-pending-approval',
      'approval.create-requests',
      'document.reopen',
      'approval.reject-all',
      'approval.cancel-all',
    ]) {
      expect(offered).not.toContain(refused);
    }
    const afterCancel = await t.call('GET', `${API}/catalogue/responses?after=vendor.approval-request-canceled`, {
      as: alicia,
    });
    expect(codes(afterCancel.body)).toEqual(expect.arrayContaining(['approval.cancel-all', 'document.reopen']));
    expect(codes(afterCancel.body)).not.toContain('document.release');
  });

  it('an unknown ?after= event is refused (400) rather than offering everything', async () => {
    for (const kind of ['events', 'responses']) {
      const reply = await t.call('GET', `${API}/catalogue/${kind}?after=no.such-event`, { as: alicia });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ code: 'event-unknown', field: 'after' });
    }
  });

  it('lists record tables with their fields, types and relations', async () => {
    const reply = await t.call('GET', `${API}/catalogue/tables`, { as: alicia });
    expect(reply.status).toBe(200);
    const header = reply.body.find((table: { name: string }) => table.name === 'purchase-header');
    expect(header).toMatchObject({ name: 'purchase-header', caption: expect.any(String), key: expect.any(Array) });
    expect(header.fields).toContainEqual({ name: 'amount', type: 'decimal', caption: expect.any(String) });
    const status = header.fields.find((f: { name: string }) => f.name === 'status');
    expect(status).toMatchObject({ type: 'option', options: expect.arrayContaining(['Open', 'Released']) });
    expect(header.relations).toContainEqual({
      table: 'purchase-line',
      fields: expect.arrayContaining([{ from: 'no', to: 'documentNo' }]),
    });
  });
});
