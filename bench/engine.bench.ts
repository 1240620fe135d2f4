/**
 * Engine benchmark: events handled per second for a three-step workflow (event → response →
 * response, one transaction per event, instance started and archived), and how the cost per
 * event changes with many other enabled workflows. Run with `npm run bench:engine`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createCompany } from '../src/app/companies.ts';
import { openWerkstroom, type Werkstroom } from '../src/app/werkstroom.ts';
import { enableWorkflow } from '../src/engine/definition/enable.ts';
import { createWorkflow } from '../src/engine/definition/workflows.ts';
import { handleEvent } from '../src/engine/execution/handle-event.ts';
import { defineModule } from '../src/engine/registry-types.ts';
import {
  benchDatabase,
  type Measurement,
  measure,
  microsPerEvent,
  perSecond,
  postgresReachable,
} from './bench-support.ts';

const OTHER_EVENTS = 1000;

const benchModule = defineModule({
  name: 'bench',
  tables: [
    {
      name: 'bench-record',
      caption: 'Benchmark record',
      key: ['no'],
      fields: [
        { name: 'no', type: 'code' },
        { name: 'amount', type: 'decimal' },
      ],
    },
  ],
  events: [
    { code: 'bench.created', table: 'bench-record', description: 'A benchmark record is created.' },
    ...Array.from({ length: OTHER_EVENTS }, (_, i) => ({
      code: `bench.other-${i + 1}`,
      table: 'bench-record',
      description: `Other benchmark event ${i + 1}.`,
    })),
  ],
});

type Setup = 'alone' | 'other-events' | 'same-event-not-matching';

async function prepare(app: Werkstroom, setup: Setup, others: number): Promise<void> {
  await app.run({ company: 'BENCH', userId: 'BENCH' }, async (ctx) => {
    for (let i = 1; i <= others; i++) {
      const code = `W${String(i).padStart(5, '0')}`;
      const entry =
        setup === 'same-event-not-matching'
          ? { functionCode: 'bench.created', conditions: { 'bench-record': { amount: `=-${i}` } } }
          : { functionCode: `bench.other-${i}` };
      await createWorkflow(ctx, {
        code,
        description: `Other workflow ${i}`,
        steps: [
          { id: 1, previousStepId: null, type: 'event', ...entry },
          { id: 2, previousStepId: 1, type: 'response', functionCode: 'do-nothing' },
        ],
      });
      await enableWorkflow(ctx, code);
    }
    // Sorted after all others, so the engine has looked at every other entry point first.
    await createWorkflow(ctx, {
      code: 'ZZ-MEASURED',
      description: 'Measured workflow',
      steps: [
        {
          id: 1,
          previousStepId: null,
          type: 'event',
          functionCode: 'bench.created',
          conditions: { 'bench-record': { amount: '>=0' } },
        },
        { id: 2, previousStepId: 1, type: 'response', functionCode: 'do-nothing' },
        { id: 3, previousStepId: 2, type: 'response', functionCode: 'do-nothing' },
      ],
    });
    await enableWorkflow(ctx, 'ZZ-MEASURED');
  });
}

async function run(dialect: 'sqlite' | 'postgres', setup: Setup, others: number, count: number): Promise<Measurement> {
  const database = await benchDatabase(dialect);
  const app = await openWerkstroom({ database, modules: [benchModule] });
  try {
    await createCompany(database.db, { code: 'BENCH', name: 'Benchmark' }, new Date());
    await prepare(app, setup, others);
    return await measure(count, Math.max(200, count / 2), async (i) => {
      await app.run({ company: 'BENCH', userId: 'BENCH' }, async (ctx) => {
        const outcome = await handleEvent(ctx, 'bench.created', {
          table: 'bench-record',
          key: `R${i}`,
          data: { no: `R${i}`, amount: '100.00' },
        });
        if (!outcome.started) throw new Error('the measured workflow did not start');
      });
    });
  } finally {
    await app.close();
    await database.close();
  }
}

interface Row {
  readonly dialect: string;
  readonly setup: string;
  readonly others: number;
  readonly eventsPerSecond: number;
  readonly microsPerEvent: number;
  readonly ratioToBaseline: number;
}

async function main(): Promise<void> {
  const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
  if (await postgresReachable()) dialects.push('postgres');
  else console.log('PostgreSQL not reachable: measuring SQLite only.');
  const count = Number(process.env.BENCH_EVENTS ?? 2000);
  const rows: Row[] = [];
  for (const dialect of dialects) {
    // A discarded first run, so the baseline is not the one paying for a cold JIT.
    await run(dialect, 'other-events', 1, count);
    const baseline = await run(dialect, 'other-events', 1, count);
    const cases: [Setup, number, Measurement][] = [['other-events', 1, baseline]];
    cases.push(['other-events', 100, await run(dialect, 'other-events', 100, count)]);
    cases.push(['other-events', 1000, await run(dialect, 'other-events', 1000, count)]);
    cases.push([
      'same-event-not-matching',
      1000,
      await run(dialect, 'same-event-not-matching', 1000, Math.max(50, count / 10)),
    ]);
    for (const [setup, others, m] of cases) {
      rows.push({
        dialect,
        setup,
        others,
        eventsPerSecond: Math.round(perSecond(m)),
        microsPerEvent: Math.round(microsPerEvent(m)),
        ratioToBaseline: Number((microsPerEvent(m) / microsPerEvent(baseline)).toFixed(2)),
      });
    }
  }
  console.log(`Three-step workflow, one transaction per event, ${count} events per case (Node ${process.version}).`);
  console.table(rows);
  mkdirSync('.out', { recursive: true });
  writeFileSync('.out/bench-engine.json', `${JSON.stringify(rows, null, 2)}\n`);
}

await main();
