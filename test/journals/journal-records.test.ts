import { expect, it } from 'vitest';
import {
  checkBatchBalance,
  createJournalBatch,
  createJournalTemplate,
  deleteJournalBatch,
  deleteJournalLine,
  deleteJournalTemplate,
  getJournalBatch,
  listJournalBatches,
  listJournalTemplates,
  updateJournalBatch,
  updateJournalLine,
} from '../../src/journals/index.ts';
import { addRestriction, findRestriction } from '../../src/records/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import {
  addJournalLine,
  BATCH_KEY,
  balancedPair,
  failsWith,
  GENERAL,
  journalsCompany,
  lineKeyOf,
  linesOf,
  PAYMENTS,
} from './fixtures.ts';

describeEachDialect('general journals: templates, batches and lines', (db) => {
  it('templates and batches are kept with their type and balancing account; bad input writes nothing', async () => {
    const t = await journalsCompany(db());
    await t.run(async (ctx) => {
      expect((await listJournalTemplates(ctx)).map((x) => [x.name, x.type])).toEqual([
        ['GENERAL', 'general'],
        ['PAYMENT', 'payments'],
      ]);
      expect(await getJournalBatch(ctx, 'payment', 'bank')).toMatchObject({
        templateName: 'PAYMENT',
        name: 'BANK',
        templateType: 'payments',
        balAccountType: 'bank-account',
        balAccountNo: 'BANK1',
        revision: 1,
      });
    });
    await failsWith(
      t.run((ctx) => createJournalTemplate(ctx, { name: 'GENERAL' })),
      'journal-template-exists',
    );
    await failsWith(
      t.run((ctx) => createJournalTemplate(ctx, { name: 'X', type: 'sales' as never })),
      'journal-template-type-invalid',
    );
    await failsWith(
      t.run((ctx) => createJournalTemplate(ctx, { name: 'much too long name' })),
      'journal-template-name-invalid',
    );
    await failsWith(
      t.run((ctx) => createJournalBatch(ctx, { templateName: 'NOPE', name: 'B' })),
      'journal-template-not-found',
    );
    await failsWith(
      t.run((ctx) => createJournalBatch(ctx, { templateName: 'GENERAL', name: 'DEFAULT' })),
      'journal-batch-exists',
    );
    await failsWith(
      t.run((ctx) =>
        createJournalBatch(ctx, {
          templateName: 'GENERAL',
          name: 'B2',
          balAccountType: 'bank-account',
          balAccountNo: 'NOPE',
        }),
      ),
      'journal-account-not-found',
    );
    await failsWith(
      t.run((ctx) =>
        createJournalBatch(ctx, {
          templateName: 'GENERAL',
          name: 'B2',
          balAccountType: 'cash' as never,
          balAccountNo: 'X',
        }),
      ),
      'journal-account-type-invalid',
    );
    await failsWith(
      t.run((ctx) => createJournalBatch(ctx, { templateName: 'GENERAL', name: 'B2', balAccountNo: '1100' })),
      'journal-bal-account-type-required',
    );
    expect(await t.run((ctx) => listJournalBatches(ctx))).toHaveLength(2);
    // A stale revision is refused; the right one changes the batch.
    await failsWith(
      t.run((ctx) => updateJournalBatch(ctx, 'GENERAL', 'DEFAULT', { description: 'x' }, 7)),
      'journal-batch-revision-stale',
    );
    const changed = await t.run((ctx) =>
      updateJournalBatch(ctx, 'GENERAL', 'DEFAULT', { balAccountType: 'gl-account', balAccountNo: '1100' }, 1),
    );
    expect(changed).toMatchObject({ balAccountType: 'gl-account', balAccountNo: '1100', revision: 2 });
    await failsWith(
      t.run((ctx) => deleteJournalTemplate(ctx, 'GENERAL')),
      'journal-template-in-use',
    );
  });

  it('a line is checked field by field: accounts exist, amounts are exact non-zero decimals, dates are dates', async () => {
    const t = await journalsCompany(db());
    const base = {
      postingDate: '2026-03-02',
      documentNo: 'GJ-1',
      accountType: 'gl-account',
      accountNo: '5000',
      amount: '10',
    } as const;
    const cases: [Record<string, unknown>, string][] = [
      [{ accountNo: '9999' }, 'journal-account-not-found'],
      [{ accountType: 'vendor', accountNo: 'V9' }, 'journal-account-not-found'],
      [{ accountType: 'customer', accountNo: 'C9' }, 'journal-account-not-found'],
      [{ accountType: 'bank-account', accountNo: 'BANK9' }, 'journal-account-not-found'],
      [{ accountType: 'asset' }, 'journal-account-type-invalid'],
      [{ amount: 12.5 }, 'journal-line-amount-invalid'],
      [{ amount: 'ten' }, 'journal-line-amount-invalid'],
      [{ amount: '0' }, 'journal-line-amount-zero'],
      [{ amount: '1.005' }, 'journal-line-amount-precision'],
      [{ postingDate: '2026-02-30' }, 'journal-line-posting-date-invalid'],
      [{ documentNo: '' }, 'journal-line-document-no-invalid'],
      [{ documentType: 'order' }, 'journal-line-document-type-invalid'],
      [{ balAccountType: 'gl-account', balAccountNo: '5000' }, 'journal-line-balances-itself'],
      [{ appliesToDocNo: 'PPI-1' }, 'journal-line-applies-to-needs-party'],
    ];
    for (const [change, code] of cases) {
      await failsWith(addJournalLine(t, { ...base, ...change } as never), code);
    }
    await failsWith(
      addJournalLine(t, base, 'ALICIA', { templateName: 'GENERAL', batchName: 'NOPE' }),
      'journal-batch-not-found',
    );
    expect(await linesOf(t)).toEqual([]);

    const { line } = await addJournalLine(t, { ...base, amount: '10.5', description: ' Office chairs ' });
    expect(line).toMatchObject({
      ...GENERAL,
      lineNo: 10000,
      templateType: 'general',
      amount: '10.50',
      description: 'Office chairs',
      balAccountType: '',
      systemCreated: false,
      createdBy: 'ALICIA',
      revision: 1,
    });
    const second = await addJournalLine(t, { ...base, amount: '-10.5' });
    expect(second.line.lineNo).toBe(20000);
    await failsWith(addJournalLine(t, { ...base, lineNo: 10000 }), 'journal-line-exists');
  });

  it('a new line takes the batch’s balancing account and today’s date unless given; changes bump the revision', async () => {
    const t = await journalsCompany(db());
    const { line } = await addJournalLine(
      t,
      { documentType: 'payment', documentNo: 'PAY-1', accountType: 'vendor', accountNo: 'v1000', amount: '250' },
      'ALICIA',
      PAYMENTS,
    );
    expect(line).toMatchObject({
      postingDate: '2026-03-02',
      accountNo: 'V1000',
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
      templateType: 'payments',
    });
    await failsWith(
      t.run((ctx) => updateJournalLine(ctx, 'PAYMENT', 'BANK', line.lineNo, { amount: '300' }, 9)),
      'journal-line-revision-stale',
    );
    const changed = await t.run((ctx) =>
      updateJournalLine(ctx, 'PAYMENT', 'BANK', line.lineNo, { amount: '300', balAccountType: '' }, 1),
    );
    expect(changed.line).toMatchObject({ amount: '300.00', balAccountType: '', balAccountNo: '', revision: 2 });
    await t.run((ctx) =>
      addRestriction(ctx, 'gen-journal-line', lineKeyOf(line.lineNo, PAYMENTS), { workflowCode: 'X' }),
    );
    await t.run((ctx) => deleteJournalLine(ctx, 'PAYMENT', 'BANK', line.lineNo, 2));
    expect(await linesOf(t, PAYMENTS)).toEqual([]);
    expect(
      await t.run((ctx) => findRestriction(ctx, 'gen-journal-line', lineKeyOf(line.lineNo, PAYMENTS))),
    ).toBeUndefined();
  });

  it('the balance check adds up each document no. and posting date, counting balancing accounts', async () => {
    const t = await journalsCompany(db());
    const balance = (batch = GENERAL) => t.run((ctx) => checkBatchBalance(ctx, batch.templateName, batch.batchName));
    expect(await balance()).toEqual({ balanced: true, difference: '0', lineCount: 0, unbalancedDocuments: [] });
    await balancedPair(t);
    expect(await balance()).toMatchObject({ balanced: true, difference: '0', lineCount: 2 });
    // A line with its own balancing account balances itself.
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-2',
      accountType: 'gl-account',
      accountNo: '4000',
      amount: '-75.25',
      balAccountType: 'bank-account',
      balAccountNo: 'BANK1',
    });
    expect(await balance()).toMatchObject({ balanced: true, lineCount: 3 });
    // Two documents that each miss the other's half: the batch total is 0, yet it does not balance.
    await addJournalLine(t, {
      postingDate: '2026-03-02',
      documentNo: 'GJ-3',
      accountType: 'gl-account',
      accountNo: '5000',
      amount: '40',
    });
    await addJournalLine(t, {
      postingDate: '2026-03-03',
      documentNo: 'GJ-3',
      accountType: 'gl-account',
      accountNo: '1100',
      amount: '-40',
    });
    expect(await balance()).toEqual({
      balanced: false,
      difference: '0',
      lineCount: 5,
      unbalancedDocuments: [
        { postingDate: '2026-03-02', documentNo: 'GJ-3', difference: '40' },
        { postingDate: '2026-03-03', documentNo: 'GJ-3', difference: '-40' },
      ],
    });
    await failsWith(
      t.run((ctx) => checkBatchBalance(ctx, 'GENERAL', 'NOPE')),
      'journal-batch-not-found',
    );
  });

  it('deleting a batch deletes its lines and their restrictions; the template can go once it has no batches', async () => {
    const t = await journalsCompany(db());
    const [first] = await balancedPair(t);
    await t.run(async (ctx) => {
      await addRestriction(ctx, 'gen-journal-batch', BATCH_KEY, { workflowCode: 'X' });
      await addRestriction(ctx, 'gen-journal-line', lineKeyOf(first?.line.lineNo ?? 0), { workflowCode: 'X' });
    });
    await t.run((ctx) => deleteJournalBatch(ctx, 'GENERAL', 'DEFAULT'));
    expect(await linesOf(t)).toEqual([]);
    await t.run(async (ctx) => {
      expect(await findRestriction(ctx, 'gen-journal-batch', BATCH_KEY)).toBeUndefined();
      expect(await findRestriction(ctx, 'gen-journal-line', lineKeyOf(10000))).toBeUndefined();
      await deleteJournalTemplate(ctx, 'GENERAL');
      expect((await listJournalTemplates(ctx)).map((x) => x.name)).toEqual(['PAYMENT']);
    });
  });
});
