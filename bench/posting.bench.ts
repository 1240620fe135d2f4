/**
 * Posting benchmark: purchase invoices with three lines created and released (the baseline),
 * against the same followed by posting them (posted invoice and lines, a balanced G/L register,
 * a vendor entry, the document deleted, the posted event raised), measured in the same run.
 * Run with `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createCompany } from '../src/app/companies.ts';
import { openWerkstroom, type Werkstroom } from '../src/app/werkstroom.ts';
import { releaseDocumentByUser } from '../src/approvals/document-release.ts';
import { businessModules } from '../src/business-modules.ts';
import { createStarterLedger } from '../src/ledger/starter-ledger.ts';
import { postDocument } from '../src/posting/index.ts';
import { addLine, createDocument, createItem, createVendor, ensureUser } from '../src/records/index.ts';
import { benchDatabase, type Measurement, measure, postgresReachable } from './bench-support.ts';

const SCOPE = { company: 'BENCH', userId: 'CLERK' };

async function prepare(app: Werkstroom): Promise<void> {
  await createCompany(app.database.db, { code: 'BENCH', name: 'Benchmark' }, new Date());
  await ensureUser(app.database.db, { id: 'CLERK', name: 'Clerk' });
  await app.run(SCOPE, async (ctx) => {
    await createStarterLedger(ctx);
    await createVendor(ctx, { no: 'V1', name: 'Vendor' });
    for (const no of ['I1', 'I2', 'I3']) await createItem(ctx, { no, description: `Item ${no}`, unitPrice: '12.50' });
  });
}

/** One transaction: an invoice with three lines, released by hand. */
async function releasedInvoice(app: Werkstroom) {
  return app.run(SCOPE, async (ctx) => {
    const invoice = await createDocument(ctx, { area: 'purchase', documentType: 'invoice', partyNo: 'V1' });
    for (const no of ['I1', 'I2', 'I3']) await addLine(ctx, invoice, { type: 'item', no, quantity: '4' });
    await releaseDocumentByUser(ctx, invoice);
    return invoice;
  });
}

async function postingCycle(app: Werkstroom): Promise<void> {
  const invoice = await releasedInvoice(app);
  const posted = await app.run(SCOPE, (ctx) => postDocument(ctx, invoice));
  if (posted.amountLcy !== '150.00') throw new Error(`posted ${posted.no} for ${posted.amountLcy}`);
}

function row(dialect: string, what: string, m: Measurement, baseline: Measurement) {
  return {
    dialect,
    what,
    perSecond: Math.round(m.events / m.seconds),
    millisEach: Number(((m.seconds * 1000) / m.events).toFixed(2)),
    ratioToBaseline: Number((m.seconds / m.events / (baseline.seconds / baseline.events)).toFixed(2)),
  };
}

async function main(): Promise<void> {
  const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (await postgresReachable()) dialects.push('postgres');
  const count = Number(process.env.BENCH_CYCLES ?? 500);
  const rows = [];
  for (const dialect of dialects) {
    const database = await benchDatabase(dialect);
    const app = await openWerkstroom({ database, modules: businessModules });
    try {
      await prepare(app);
      const warmup = Math.max(50, count / 5);
      const baseline = await measure(count, warmup, async () => {
        await releasedInvoice(app);
      });
      const posting = await measure(count, warmup, () => postingCycle(app));
      rows.push(row(dialect, 'create + release (baseline)', baseline, baseline));
      rows.push(row(dialect, 'create + release, then post', posting, baseline));
    } finally {
      await app.close();
      await database.close();
    }
  }
  console.log(`Purchase invoice posting, three lines (Node ${process.version}).`);
  console.table(rows);
  mkdirSync('.out', { recursive: true });
  writeFileSync('.out/bench-posting.json', `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
