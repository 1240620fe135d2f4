import { expect, it } from 'vitest';
import { approveEntries, delegateEntries } from '../../src/approvals/user-actions.ts';
import { canDecideByEmail, verifyDecisionToken } from '../../src/email-links/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { FIXED_NOW } from '../support/harness.ts';
import { linkServer, SECRET } from './fixtures.ts';

/** Links that decide (once), and what a link says when the entry moved on without it. */
describeEachDialect('approve or reject from the email', (db) => {
  const s = linkServer(db);
  const { pendingEntry, footprint, get, post } = s;

  it('links are URLs under the base, signed, bound to the entry and approver, valid for seven days', async () => {
    const { entry, links } = await pendingEntry();
    expect(links.approve.url).toMatch(/^https:\/\/werkstroom\.example\/api\/v1\/email-links\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(links.approve.claims).toMatchObject({ entryId: entry.id, approverId: 'JOHN', action: 'approve' });
    expect(links.reject.claims).toMatchObject({ entryId: entry.id, approverId: 'JOHN', action: 'reject' });
    expect(links.approve.claims.jti).not.toBe(links.reject.claims.jti);
    expect(links.expiresAt.getTime() - s.now().getTime()).toBe(7 * 86_400_000);
    const verified = await verifyDecisionToken(SECRET, links.approve.token, s.now());
    // Only the approver's email carries links; the sender's copy of a notification does not.
    expect(canDecideByEmail(entry, 'JOHN')).toBe(true);
    expect(canDecideByEmail(entry, 'ALICIA')).toBe(false);
    expect(canDecideByEmail({ ...entry, status: 'Approved' }, 'JOHN')).toBe(false);
    expect(verified).toEqual({ kind: 'valid', claims: { ...links.approve.claims, expiresAt: links.expiresAt } });
  });

  it('valid: GET shows what would be decided and a POST form, and decides nothing (mail scanners)', async () => {
    const { t, doc, links } = await pendingEntry();
    const before = await footprint(t, doc);
    for (let i = 0; i < 3; i++) {
      const page = await get(links.approve);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain('Approve this request?');
      expect(page.body).toContain(`Sales order ${doc.no}`);
      expect(page.body).toContain('<form method="post">');
      expect(page.body).toContain('<button type="submit">Approve</button>');
    }
    const json = await get(links.reject, true);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toMatchObject({
      state: 'ready',
      action: 'reject',
      entry: { approverId: 'JOHN', status: 'Open' },
    });
    expect(await footprint(t, doc)).toEqual(before);
  });

  it('valid: POST approves as the approver over channel email, records the use, the workflow releases', async () => {
    const { t, doc, entry, links } = await pendingEntry();
    const page = await post(links.approve, 'comment=Looks+fine');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('You approved the request');
    const after = await footprint(t, doc);
    expect(after.entries).toEqual([[entry.id, 'JOHN', 'Approved', entry.revision + 1]]);
    expect(after.history.at(-1)).toMatchObject({ action: 'approved', by_user: 'JOHN', channel: 'email' });
    expect(after.uses).toEqual([
      {
        jti: links.approve.claims.jti,
        company_id: expect.any(Number),
        entry_id: entry.id,
        used_by: 'JOHN',
        used_at: s.now().toISOString(),
        outcome: 'approved',
      },
    ]);
    expect(after.status).toBe('Released');
  });

  it('valid: POST rejects with a comment; JSON answers for Accept: application/json', async () => {
    const { t, doc, links } = await pendingEntry();
    const reply = await post(links.reject, 'comment=Too+expensive', true);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ state: 'decided', action: 'reject', entry: { status: 'Rejected' } });
    const after = await footprint(t, doc);
    expect(after.status).toBe('Open');
    expect(after.uses.map((u) => u.outcome)).toEqual(['rejected']);
    const comments = await t.run((ctx) =>
      ctx.tx.selectFrom('approval_comment').select(['user_id', 'comment']).execute(),
    );
    expect(comments).toContainEqual({ user_id: 'JOHN', comment: 'Too expensive' });
  });

  it('reused: a second POST (or GET) says who decided and when, with 409, and changes nothing', async () => {
    const { t, doc, links } = await pendingEntry();
    expect((await post(links.approve)).statusCode).toBe(200);
    const decidedAt = s.now().toISOString();
    s.setNow(new Date(s.now().getTime() + 3_600_000));
    const before = await footprint(t, doc);
    for (const reply of [await post(links.approve), await get(links.approve)]) {
      expect(reply.statusCode).toBe(409);
      expect(reply.body).toContain('This link was already used');
      expect(reply.body).toContain(
        `JOHN approved this request with it at ${decidedAt.replace('T', ' ').replace('.000Z', ' UTC')}`,
      );
    }
    const json = await post(links.approve, '', true);
    expect(json.json()).toMatchObject({ state: 'used', usedBy: 'JOHN', usedAt: decidedAt, outcome: 'approved' });
    // The other link of the same email finds the entry decided.
    const reject = await post(links.reject, '', true);
    expect(reject.statusCode).toBe(409);
    expect(reject.json()).toMatchObject({ state: 'already-decided', decidedBy: 'JOHN', decidedAt, channel: 'email' });
    expect(await footprint(t, doc)).toEqual(before);
  });

  it('two clicks at once: exactly one decides, the other is told the link was used', async () => {
    const { t, doc, links } = await pendingEntry();
    const replies = await Promise.all([post(links.approve, '', true), post(links.approve, '', true)]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const after = await footprint(t, doc);
    expect(after.uses).toHaveLength(1);
    expect(after.history.filter((h) => h.action === 'approved')).toHaveLength(1);
  });

  it('someone else decided: the page says who and when (409) and changes nothing', async () => {
    const { t, doc, entry, links } = await pendingEntry();
    s.setNow(new Date(FIXED_NOW.getTime() + 60_000));
    await s.app().run({ company: t.company, userId: 'ADMIN' }, (ctx) => approveEntries(ctx, [entry.id]));
    const before = await footprint(t, doc);
    const page = await post(links.reject);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('This request was already decided');
    expect(page.body).toContain('It was approved by ADMIN at 2026-03-02 09:01:00 UTC');
    const json = await get(links.approve, true);
    expect(json.statusCode).toBe(409);
    expect(json.json()).toMatchObject({ state: 'already-decided', decidedBy: 'ADMIN', channel: 'api' });
    expect(await footprint(t, doc)).toEqual(before);
  });

  it('delegated meanwhile: the link no longer decides (409) and says who has it now', async () => {
    const { t, doc, entry, links } = await pendingEntry();
    await s.app().run({ company: t.company, userId: 'JOHN' }, (ctx) => delegateEntries(ctx, [entry.id]));
    const before = await footprint(t, doc);
    const page = await post(links.approve);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('It was delegated to MARY');
    expect(await footprint(t, doc)).toEqual(before);
  });
});
