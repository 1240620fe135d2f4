import { expect, it } from 'vitest';
import { listEntries } from '../../src/approvals/queries.ts';
import { approveEntries, delegateEntries, rejectEntries } from '../../src/approvals/user-actions.ts';
import { getItem } from '../../src/records/index.ts';
import { entryTriples } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import { change, changeCompany, enabledFieldChangeCopy, heldChanges, liveInstances } from './support.ts';

const SENT = 'The new unit price was sent for approval; the item keeps the current price until it is approved.';

/** WS-IUPCAPW (reference MS-IUPCAPW, shape X): a raised unit price waits for approval. */
describeEachDialect('item unit price change approval (WS-IUPCAPW)', (db) => {
  async function ready(): Promise<TestCompany> {
    const t = await changeCompany(db());
    expect(await enabledFieldChangeCopy(t, 'WS-IUPCAPW', 'PRICING')).toBe('WS-IUPCAPW-01');
    return t;
  }
  const priceOf = (t: TestCompany) => t.run(async (ctx) => (await getItem(ctx, '1000')).unitPrice);
  const approveAs = (t: TestCompany, userId: string) =>
    t.run(async (ctx) => approveEntries(ctx, [(await listEntries(ctx, 'to-approve'))[0]?.id ?? 0]), userId);

  it('a raised price is held, approved in both sequences (one delegated) and then applied', async () => {
    const t = await ready();
    const changed = await change(t, 'item', '1000', { unitPrice: '120.50', description: 'Office chair' });
    expect(changed.record).toMatchObject({ unitPrice: '100', description: 'Office chair' });
    expect(changed.messages).toEqual([SENT]);
    expect(await entryTriples(t, 'item', '1000')).toEqual([
      [1, 'PETER', 'Open'],
      [2, 'MARY', 'Created'],
    ]);
    const [peters] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'PETER');
    expect(peters?.changeDetails).toBe('Unit price changed from 100 to 120.5');

    // Approved with one pending: the next sequence is asked, the price still waits.
    await approveAs(t, 'PETER');
    expect(await priceOf(t)).toBe('100');
    // Delegated: MARY's approver SEAN is asked instead.
    const [marys] = await t.run((ctx) => listEntries(ctx, 'to-approve'), 'MARY');
    await t.run((ctx) => delegateEntries(ctx, [marys?.id ?? 0]), 'MARY');
    expect(await entryTriples(t, 'item', '1000')).toEqual([
      [1, 'PETER', 'Approved'],
      [2, 'SEAN', 'Open'],
    ]);
    expect(await priceOf(t)).toBe('100');
    // The last approval applies it.
    await approveAs(t, 'SEAN');
    expect(await priceOf(t)).toBe('120.5');
    expect(await heldChanges(t, 'item', '1000')).toEqual([['unitPrice', '100', '120.5', 'applied']]);
    expect(await liveInstances(t, 'item', '1000')).toBe(0);
  });

  it('rejected in the second sequence: the price is discarded and every entry rejected', async () => {
    const t = await ready();
    await change(t, 'item', '1000', { unitPrice: '150' });
    await approveAs(t, 'PETER');
    await t.run(async (ctx) => rejectEntries(ctx, [(await listEntries(ctx, 'to-approve'))[0]?.id ?? 0]), 'MARY');
    expect(await priceOf(t)).toBe('100');
    expect(await heldChanges(t, 'item', '1000')).toEqual([['unitPrice', '100', '150', 'discarded']]);
    expect(await entryTriples(t, 'item', '1000')).toEqual([
      [1, 'PETER', 'Rejected'],
      [2, 'MARY', 'Rejected'],
    ]);
  });

  it('a lower price is saved at once', async () => {
    const t = await ready();
    expect((await change(t, 'item', '1000', { unitPrice: '90' })).record.unitPrice).toBe('90');
    expect(await entryTriples(t, 'item', '1000')).toEqual([]);
  });

  it('a copy cannot be enabled until its workflow user group is chosen', async () => {
    const t = await changeCompany(db());
    await expect(enabledFieldChangeCopy(t, 'WS-IUPCAPW', '')).rejects.toMatchObject({
      code: 'workflow-not-valid',
      details: { problems: [expect.objectContaining({ code: 'response-options-missing' })] },
    });
  });
});
