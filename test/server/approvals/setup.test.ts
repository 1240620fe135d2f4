import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE, type Client, expectProblem, ok, signIn, startServer, type TestServer } from './client.ts';

let t: TestServer;
let admin: Client;
let sean: Client;

beforeEach(async () => {
  t = await startServer();
  admin = await signIn(t.server, 'ADMIN');
  sean = await signIn(t.server, 'SEAN');
});
afterEach(async () => {
  await t.close();
});

const SETUP = `${BASE}/approval-user-setup`;
const GROUPS = `${BASE}/workflow-user-groups`;

describe('approval user setup', () => {
  it('lists and gets approval users for every member; a single one carries its revision as ETag', async () => {
    const all = ok(await sean.get(SETUP));
    expect(all.map((s: { userId: string }) => s.userId)).toEqual(['ADMIN', 'ALICIA', 'JOHN', 'MARY', 'SEAN']);
    const mary = await sean.get(`${SETUP}/mary`);
    expect(ok(mary)).toMatchObject({
      userId: 'MARY',
      approverId: 'SEAN',
      purchaseLimit: '5000',
      unlimitedPurchase: false,
      salespersonCode: 'MS',
      approvalAdministrator: false,
      revision: 1,
    });
    expect(mary.headers.etag).toBe('"1"');
    expectProblem(await sean.get(`${SETUP}/NOBODY`), 404, 'approval-user-not-set-up');
  });

  it('changes a setup with PUT (fields left out keep their value) and honours If-Match', async () => {
    const changed = await admin.put(
      `${SETUP}/MARY`,
      { purchaseLimit: '7500', substitute: 'sean' },
      { 'if-match': '"1"' },
    );
    expect(ok(changed)).toMatchObject({
      userId: 'MARY',
      purchaseLimit: '7500',
      substitute: 'SEAN',
      salesLimit: '5000',
      approverId: 'SEAN',
      revision: 2,
    });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await admin.put(`${SETUP}/MARY`, { purchaseLimit: '1' }, { 'if-match': '"1"' });
    expectProblem(stale, 412, 'approval-user-setup-revision-stale');
    expectProblem(await admin.put(`${SETUP}/MARY`, {}, { 'if-match': 'yesterday' }), 400, 'if-match-invalid');
    expect(ok(await admin.get(`${SETUP}/MARY`)).purchaseLimit).toBe('7500');
  });

  it('creates a setup with 201 and removes one', async () => {
    ok(await admin.delete(`${SETUP}/ALICIA`));
    expectProblem(await admin.get(`${SETUP}/ALICIA`), 404, 'approval-user-not-set-up');
    const created = await admin.put(`${SETUP}/alicia`, { approverId: 'MARY', purchaseLimit: '100' });
    expect(ok(created, 201)).toMatchObject({ userId: 'ALICIA', approverId: 'MARY', purchaseLimit: '100', revision: 1 });
    expect(created.headers.etag).toBe('"1"');
  });

  it('refuses what the setup rules refuse, field by field', async () => {
    const negative = expectProblem(
      await admin.put(`${SETUP}/JOHN`, { purchaseLimit: '-1' }),
      400,
      'approval-limit-negative',
    );
    expect(negative.field).toBe('purchaseLimit');
    expectProblem(
      await admin.put(`${SETUP}/JOHN`, { purchaseLimit: '10', unlimitedPurchase: true }),
      400,
      'approval-limit-and-unlimited',
    );
    expectProblem(await admin.put(`${SETUP}/JOHN`, { approverId: 'JOHN' }), 400, 'approval-user-self-reference');
    expectProblem(await admin.put(`${SETUP}/NOBODY`, {}), 400, 'user-unknown');
    expectProblem(
      await admin.put(`${SETUP}/MARY`, { approvalAdministrator: true }),
      409,
      'approval-administrator-exists',
    );
    expectProblem(await admin.put(`${SETUP}/JOHN`, { salespersonCode: 'MS' }), 409, 'salesperson-already-assigned');
    expectProblem(await admin.put(`${SETUP}/JOHN`, { purchaseLimit: 5 }), 400, 'request-invalid');
  });

  it('refuses removing an approver others depend on, and a stale If-Match on delete', async () => {
    expectProblem(await admin.delete(`${SETUP}/MARY`), 409, 'approval-user-in-use');
    expectProblem(
      await admin.delete(`${SETUP}/ALICIA`, { 'if-match': '"7"' }),
      412,
      'approval-user-setup-revision-stale',
    );
    ok(await admin.delete(`${SETUP}/ALICIA`, { 'if-match': '"1"' }));
    expectProblem(await admin.delete(`${SETUP}/ALICIA`), 404, 'approval-user-not-set-up');
  });

  it('writes need the approval-admin role', async () => {
    expectProblem(await sean.put(`${SETUP}/MARY`, { purchaseLimit: '1' }), 403, 'role-required');
    expectProblem(await sean.delete(`${SETUP}/ALICIA`), 403, 'role-required');
    expect(ok(await sean.get(`${SETUP}/MARY`)).purchaseLimit).toBe('5000');
  });
});

describe('workflow user groups', () => {
  it('lists and gets groups with their members', async () => {
    const groups = ok(await sean.get(GROUPS));
    expect(groups).toEqual([
      {
        code: 'FINANCE',
        description: 'Finance team',
        parallelPolicy: 'any',
        quorum: null,
        members: [
          { userId: 'MARY', sequence: 1 },
          { userId: 'SEAN', sequence: 1 },
          { userId: 'ADMIN', sequence: 2 },
        ],
      },
    ]);
    expect(ok(await sean.get(`${GROUPS}/finance`)).code).toBe('FINANCE');
    expectProblem(await sean.get(`${GROUPS}/NONE`), 404, 'workflow-user-group-not-found');
  });

  it('creates (201) and replaces (200) a group with members and a quorum, and deletes it', async () => {
    const created = await admin.put(`${GROUPS}/board`, {
      description: 'Board',
      parallelPolicy: 'quorum',
      quorum: 2,
      members: [
        { userId: 'sean', sequence: 1 },
        { userId: 'MARY', sequence: 1 },
        { userId: 'ADMIN', sequence: 1 },
      ],
    });
    expect(ok(created, 201)).toMatchObject({ code: 'BOARD', parallelPolicy: 'quorum', quorum: 2 });
    expect(created.body.members).toHaveLength(3);
    const replaced = ok(
      await admin.put(`${GROUPS}/BOARD`, { description: 'The board', members: [{ userId: 'SEAN', sequence: 1 }] }),
    );
    expect(replaced).toEqual({
      code: 'BOARD',
      description: 'The board',
      parallelPolicy: 'all',
      quorum: null,
      members: [{ userId: 'SEAN', sequence: 1 }],
    });
    ok(await admin.delete(`${GROUPS}/BOARD`));
    expectProblem(await admin.get(`${GROUPS}/BOARD`), 404, 'workflow-user-group-not-found');
    expectProblem(await admin.delete(`${GROUPS}/BOARD`), 404, 'workflow-user-group-not-found');
  });

  it('refuses a quorum without a number, members who are not approval users, doubles and bad input', async () => {
    expectProblem(
      await admin.put(`${GROUPS}/BOARD`, { description: 'Board', parallelPolicy: 'quorum' }),
      400,
      'quorum-invalid',
    );
    expectProblem(
      await admin.put(`${GROUPS}/BOARD`, { description: 'Board', members: [{ userId: 'NOBODY', sequence: 1 }] }),
      400,
      'approval-user-not-set-up',
    );
    expectProblem(
      await admin.put(`${GROUPS}/BOARD`, {
        description: 'Board',
        members: [
          { userId: 'SEAN', sequence: 1 },
          { userId: 'sean', sequence: 2 },
        ],
      }),
      409,
      'workflow-user-group-member-duplicate',
    );
    expectProblem(
      await admin.put(`${GROUPS}/BOARD`, { description: 'Board', parallelPolicy: 'most' }),
      400,
      'request-invalid',
    );
    expectProblem(await admin.put(`${GROUPS}/BOARD`, {}), 400, 'request-invalid');
    expectProblem(
      await admin.put(`${GROUPS}/FINANCE`, { description: 'x' }, { 'if-match': '"1"' }),
      400,
      'if-match-unsupported',
    );
    expectProblem(await admin.get(`${GROUPS}/BOARD`), 404, 'workflow-user-group-not-found');
  });

  it('writes need the approval-admin role', async () => {
    expectProblem(await sean.put(`${GROUPS}/BOARD`, { description: 'Board' }), 403, 'role-required');
    expectProblem(await sean.delete(`${GROUPS}/FINANCE`), 403, 'role-required');
    expect(ok(await sean.get(GROUPS))).toHaveLength(1);
  });
});
