import { describe, expect, it } from 'vitest';
import { createDecisionLink, escapeHtml } from '../../src/email-links/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { BASE_URL, linkServer, SECRET } from './fixtures.ts';

/** Links that decide nothing: expired (410) and tampered (400). */
describeEachDialect('email links refused', (db) => {
  const s = linkServer(db);
  const { pendingEntry, footprint, get, post } = s;

  it('expired: 410 with a clear page, for GET and POST, and nothing changes', async () => {
    const { t, doc, entry } = await pendingEntry();
    const { id: companyId } = await s.app().company(t.company);
    const claims = {
      companyId,
      entryId: entry.id,
      approverId: 'JOHN',
      action: 'approve' as const,
      expiresAt: new Date(s.now().getTime() + 3_600_000),
      jti: 'expiring-link',
    };
    const link = await createDecisionLink(SECRET, claims, BASE_URL);
    expect((await get(link)).statusCode).toBe(200);
    s.setNow(new Date(s.now().getTime() + 3_600_000));
    const before = await footprint(t, doc);
    for (const reply of [await get(link), await post(link)]) {
      expect(reply.statusCode).toBe(410);
      expect(reply.body).toContain('This link has expired');
      expect(reply.body).toContain('expired at 2026-03-02 10:00:00 UTC. Nothing was decided.');
    }
    expect((await post(link, '', true)).json()).toEqual({
      state: 'expired',
      action: 'approve',
      expiresAt: '2026-03-02T10:00:00.000Z',
    });
    expect(await footprint(t, doc)).toEqual(before);
    expect(before.entries[0]?.[2]).toBe('Open');
  });

  describe('tampered', () => {
    it('a changed payload, a changed signature, another key or garbage: 400, nothing changes', async () => {
      const { t, doc, entry, links } = await pendingEntry();
      const [header, payload, signature] = links.approve.token.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const otherEntry = Buffer.from(JSON.stringify({ ...claims, eid: entry.id + 1 })).toString('base64url');
      const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
      const foreign = await createDecisionLink('another-secret-of-at-least-32-characters!', links.approve.claims);
      const before = await footprint(t, doc);
      for (const token of [
        `${header}.${otherEntry}.${signature}`,
        `${header}.${payload}.${flipped}`,
        foreign.token,
        'not-a-token',
        `${header}.${payload}`,
      ]) {
        for (const reply of [await get(`/api/v1/email-links/${token}`), await post(`/api/v1/email-links/${token}`)]) {
          expect(reply.statusCode, token).toBe(400);
          expect(reply.body).toContain('This link is not valid');
        }
      }
      const json = await post(`/api/v1/email-links/${header}.${otherEntry}.${signature}`, '', true);
      expect(json.json()).toEqual({ state: 'invalid' });
      expect(await footprint(t, doc)).toEqual(before);
    });
  });
});

describe('the link pages', () => {
  it('escape everything they show', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});
