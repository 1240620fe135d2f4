import { expect, it } from 'vitest';
import {
  cancelJournalBatchApproval,
  cancelJournalLineApproval,
  postJournalBatch,
  sendJournalBatchForApproval,
  sendJournalLineForApproval,
  updateJournalLine,
} from '../../src/journals/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import {
  addJournalLine,
  BATCH_KEY,
  balancedPair,
  enabledCopy,
  failsWith,
  journalsCompany,
  ledgerFootprint,
  lineKeyOf,
  linesOf,
} from './fixtures.ts';

const changeLine = (t: TestCompany, amount: string, lineNo = 10000) =>
  t.run((ctx) => updateJournalLine(ctx, 'GENERAL', 'DEFAULT', lineNo, { amount }), 'ALICIA');
const post = (t: TestCompany) => t.run((ctx) => postJournalBatch(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
/** Lifts every restriction of the company, as if the workflow had restricted nothing. */
const liftRestrictions = (t: TestCompany) =>
  t.run((ctx) => ctx.tx.deleteFrom('restricted_record').where('company_id', '=', ctx.companyId).execute());

describeEachDialect('journal lines and batches waiting for an approval decision', (db) => {
  it('a line sent for approval cannot be changed (journal-approval-pending) until its request is canceled', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJLAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalLineForApproval(ctx, 'GENERAL', 'DEFAULT', 10000), 'ALICIA');
    const error = await failsWith(changeLine(t, '900'), 'journal-approval-pending');
    expect(error.message).toBe(
      'Line 10000 of journal batch DEFAULT waits for an approval decision; cancel the request before changing it.',
    );
    expect(error.details).toMatchObject({ table: 'gen-journal-line', key: lineKeyOf(10000) });
    expect((await linesOf(t)).map((l) => [l.amount, l.revision])[0]).toEqual(['500.00', 1]);
    // The other line of the batch has no request of its own: it can be changed.
    await changeLine(t, '-450', 20000);
    await t.run((ctx) => cancelJournalLineApproval(ctx, 'GENERAL', 'DEFAULT', 10000), 'ALICIA');
    expect((await changeLine(t, '450')).line.amount).toBe('450.00');
  });

  it('while the batch waits for an approval decision it takes no new lines (its approval would lift their restriction)', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJBAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    const error = await failsWith(
      addJournalLine(t, {
        postingDate: '2026-03-02',
        documentNo: 'GJ-2',
        accountType: 'gl-account',
        accountNo: '5000',
        amount: '99',
      }),
      'journal-approval-pending',
    );
    expect(error.details).toMatchObject({ table: 'gen-journal-batch', key: BATCH_KEY });
    expect(await linesOf(t)).toHaveLength(2);
  });

  it('while the batch waits for an approval decision none of its lines can be changed', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJBAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    for (const lineNo of [10000, 20000]) {
      const error = await failsWith(changeLine(t, '1', lineNo), 'journal-approval-pending');
      expect(error.message).toBe(
        'Journal batch DEFAULT waits for an approval decision; cancel the request before changing its lines.',
      );
      expect(error.details).toMatchObject({ table: 'gen-journal-batch', key: BATCH_KEY });
    }
    await t.run((ctx) => cancelJournalBatchApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    expect((await changeLine(t, '600')).line.amount).toBe('600.00');
  });

  it('posting is refused while a line waits for an approval decision, even when nothing restricts it; nothing is written', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJLAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalLineForApproval(ctx, 'GENERAL', 'DEFAULT', 20000), 'ALICIA');
    await liftRestrictions(t);
    const before = await ledgerFootprint(t);
    const error = await failsWith(post(t), 'journal-approval-pending');
    expect(error.message).toBe(
      'Line 20000 of journal batch DEFAULT waits for an approval decision; post it once the request is approved.',
    );
    expect(await ledgerFootprint(t)).toEqual(before);
  });

  it('posting is refused while the batch waits for an approval decision, even when nothing restricts it; nothing is written', async () => {
    const t = await journalsCompany(db());
    await enabledCopy(t, 'WS-GJBAPW');
    await balancedPair(t);
    await t.run((ctx) => sendJournalBatchForApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    await liftRestrictions(t);
    const before = await ledgerFootprint(t);
    const error = await failsWith(post(t), 'journal-approval-pending');
    expect(error.details).toMatchObject({ table: 'gen-journal-batch', key: BATCH_KEY });
    expect(await ledgerFootprint(t)).toEqual(before);
    await t.run((ctx) => cancelJournalBatchApproval(ctx, 'GENERAL', 'DEFAULT'), 'ALICIA');
    expect((await post(t)).lineCount).toBe(2);
  });
});
