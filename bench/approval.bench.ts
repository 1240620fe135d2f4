/**
 * Approval benchmark: full purchase-order approval cycles per second — create the order, send it
 * through a two-level approver chain, two approvals, release, instance archived — four
 * transactions per cycle. Run with `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createCompany } from '../src/app/companies.ts';
import { openWerkstroom, type Werkstroom } from '../src/app/werkstroom.ts';
import { approveEntries, sendApprovalRequest } from '../src/approvals/user-actions.ts';
import { saveUserSetup } from '../src/approvals/user-setup.ts';
import { businessModules } from '../src/business-modules.ts';
import { enableWorkflow } from '../src/engine/definition/enable.ts';
import {
  addLine,
  createDocument,
  createItem,
  createVendor,
  documentKey,
  ensureUser,
  getDocument,
} from '../src/records/index.ts';
import { workflowFromTemplate } from '../src/templates/index.ts';
import { benchDatabase, measure, postgresReachable } from './bench-support.ts';

async function prepare(app: Werkstroom): Promise<void> {
  await createCompany(app.database.db, { code: 'BENCH', name: 'Benchmark' }, new Date());
  for (const id of ['REQ', 'LEAD', 'BOSS']) await ensureUser(app.database.db, { id, name: id });
  await app.run({ company: 'BENCH', userId: 'BOSS' }, async (ctx) => {
    await saveUserSetup(ctx, { userId: 'BOSS', unlimitedPurchase: true });
    await saveUserSetup(ctx, { userId: 'LEAD', approverId: 'BOSS', purchaseLimit: '500' });
    await saveUserSetup(ctx, { userId: 'REQ', approverId: 'LEAD' });
    await createVendor(ctx, { no: 'V1', name: 'Vendor' });
    await createItem(ctx, { no: 'I1', description: 'Item', unitPrice: '300' });
    await workflowFromTemplate(ctx, 'WS-POAPW');
    await enableWorkflow(ctx, 'WS-POAPW-01');
  });
}

async function cycle(app: Werkstroom): Promise<void> {
  const order = await app.run({ company: 'BENCH', userId: 'REQ' }, async (ctx) => {
    const created = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V1' });
    await addLine(ctx, created, { type: 'item', no: 'I1', quantity: '3' });
    return created;
  });
  const key = documentKey(order);
  const sent = await app.run({ company: 'BENCH', userId: 'REQ' }, (ctx) =>
    sendApprovalRequest(ctx, 'purchase-header', key),
  );
  const lead = sent.entries.find((e) => e.approverId === 'LEAD');
  const boss = sent.entries.find((e) => e.approverId === 'BOSS');
  if (!lead || !boss) throw new Error('the chain was not routed as expected');
  await app.run({ company: 'BENCH', userId: 'LEAD' }, (ctx) => approveEntries(ctx, [lead.id]));
  await app.run({ company: 'BENCH', userId: 'BOSS' }, (ctx) => approveEntries(ctx, [boss.id]));
  const status = await app.run(
    { company: 'BENCH', userId: 'BOSS' },
    async (ctx) => (await getDocument(ctx, 'purchase', 'order', order.no)).status,
  );
  if (status !== 'Released') throw new Error(`order ${order.no} ended ${status}`);
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
      const m = await measure(count, Math.max(50, count / 5), () => cycle(app));
      rows.push({
        dialect,
        cycles: m.events,
        cyclesPerSecond: Math.round(m.events / m.seconds),
        millisPerCycle: Number(((m.seconds * 1000) / m.events).toFixed(2)),
        transactionsPerSecond: Math.round((m.events * 5) / m.seconds),
      });
    } finally {
      await app.close();
      await database.close();
    }
  }
  console.log(`Purchase-order approval cycle: create, send, approve, approve → Released (Node ${process.version}).`);
  console.table(rows);
  mkdirSync('.out', { recursive: true });
  writeFileSync('.out/bench-approval.json', `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
