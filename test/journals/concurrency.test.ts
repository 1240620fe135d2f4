import { expect, it } from 'vitest';
import type { DialectName } from '../../src/db/capabilities.ts';
import type { EngineContext } from '../../src/engine/context.ts';
import {
  createJournalBatch,
  createJournalLine,
  createJournalTemplate,
  postJournalBatch,
  updateJournalBatch,
  updateJournalLine,
  updateJournalTemplate,
} from '../../src/journals/index.ts';
import { describeEachDialect } from '../support/dialects.ts';
import type { TestCompany } from '../support/harness.ts';
import { addJournalLine, balancedPair, journalsCompany, ledgerFootprint, linesOf } from './fixtures.ts';

/**
 * Runs the commands at the same moment, each in its own transaction; returns 'ok' or the error
 * code of each, in order. On PostgreSQL both transactions are open before either command starts,
 * so their reads overlap; SQLite runs one transaction at a time, so there they simply follow
 * each other.
 */
async function race(
  t: TestCompany,
  dialect: DialectName,
  commands: readonly ((ctx: EngineContext) => Promise<unknown>)[],
): Promise<string[]> {
  let arrived = 0;
  let release: () => void = () => {};
  const allThere = new Promise<void>((resolve) => {
    release = resolve;
  });
  const start = async (ctx: EngineContext) => {
    if (dialect === 'sqlite') return;
    await ctx.tx.selectFrom('company').select('id').where('id', '=', ctx.companyId).execute();
    arrived += 1;
    if (arrived === commands.length) release();
    await allThere;
  };
  return Promise.all(
    commands.map((command) =>
      t
        .run(async (ctx) => {
          await start(ctx);
          return command(ctx);
        }, 'ALICIA')
        .then(
          () => 'ok',
          (error: { code?: string; message?: string }) => error.code ?? `error: ${error.message}`,
        ),
    ),
  );
}

const ROUNDS = 3;

describeEachDialect('journal commands at the same moment', (db, dialect) => {
  it('one batch posted twice at once: one post writes the entries, the other finds no lines (journal-batch-empty)', async () => {
    const t = await journalsCompany(db());
    for (let round = 1; round <= ROUNDS; round++) {
      await balancedPair(t);
      const post = (ctx: EngineContext) => postJournalBatch(ctx, 'GENERAL', 'DEFAULT');
      const results = await race(t, dialect, [post, post]);
      expect([...results].sort(), JSON.stringify(results)).toEqual(['journal-batch-empty', 'ok']);
      expect(await ledgerFootprint(t)).toMatchObject({ registers: round, glEntries: 2 * round, lines: 0 });
    }
  });

  it('two lines added to one batch at once get the next two line numbers, not a duplicate key', async () => {
    const t = await journalsCompany(db());
    for (let round = 1; round <= ROUNDS; round++) {
      const add = (amount: string) => (ctx: EngineContext) =>
        createJournalLine(ctx, {
          templateName: 'GENERAL',
          batchName: 'DEFAULT',
          postingDate: '2026-03-02',
          documentNo: `GJ-${round}`,
          accountType: 'gl-account',
          accountNo: '5000',
          amount,
          balAccountType: 'bank-account',
          balAccountNo: 'BANK1',
        });
      const results = await race(t, dialect, [add('10'), add('20')]);
      expect(results, JSON.stringify(results)).toEqual(['ok', 'ok']);
    }
    const lineNos = (await linesOf(t)).map((l) => l.lineNo);
    expect(lineNos).toEqual(Array.from({ length: 2 * ROUNDS }, (_, i) => (i + 1) * 10000));
  });

  it('a journal template changed twice at once with the same If-Match revision: one change is saved, the other is stale', async () => {
    const t = await journalsCompany(db());
    for (let round = 1; round <= ROUNDS; round++) {
      const name = `RACE${round}`;
      await t.run((ctx) => createJournalTemplate(ctx, { name, description: 'Before' }));
      const change = (description: string) => (ctx: EngineContext) =>
        updateJournalTemplate(ctx, name, { description }, 1);
      const results = await race(t, dialect, [change('First'), change('Second')]);
      expect([...results].sort(), JSON.stringify(results)).toEqual(['journal-template-revision-stale', 'ok']);
      const saved = await t.run((ctx) =>
        ctx.tx.selectFrom('gen_journal_template').selectAll().where('name', '=', name).executeTakeFirstOrThrow(),
      );
      expect(Number(saved.revision)).toBe(2);
    }
  });

  it('a journal batch changed twice at once with the same If-Match revision: one change is saved, the other is stale', async () => {
    const t = await journalsCompany(db());
    for (let round = 1; round <= ROUNDS; round++) {
      const name = `RACE${round}`;
      await t.run((ctx) => createJournalBatch(ctx, { templateName: 'GENERAL', name }));
      const change = (description: string) => (ctx: EngineContext) =>
        updateJournalBatch(ctx, 'GENERAL', name, { description }, 1);
      const results = await race(t, dialect, [change('First'), change('Second')]);
      expect([...results].sort(), JSON.stringify(results)).toEqual(['journal-batch-revision-stale', 'ok']);
    }
  });

  it('a journal line changed twice at once with the same If-Match revision: one change is saved, the other is stale', async () => {
    const t = await journalsCompany(db());
    for (let round = 1; round <= ROUNDS; round++) {
      const saved = await addJournalLine(t, {
        postingDate: '2026-03-02',
        documentNo: `GJ-${round}`,
        accountType: 'gl-account',
        accountNo: '5000',
        amount: '10',
      });
      const { lineNo } = saved.line;
      const change = (amount: string) => (ctx: EngineContext) =>
        updateJournalLine(ctx, 'GENERAL', 'DEFAULT', lineNo, { amount }, 1);
      const results = await race(t, dialect, [change('11'), change('12')]);
      expect([...results].sort(), JSON.stringify(results)).toEqual(['journal-line-revision-stale', 'ok']);
      const line = (await linesOf(t)).find((l) => l.lineNo === lineNo);
      expect(line?.revision).toBe(2);
    }
  });
});
