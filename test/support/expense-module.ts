import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { EngineContext } from '../../src/engine/context.ts';
import type { RecordData } from '../../src/engine/field-types.ts';
import type { WorkflowRecord } from '../../src/engine/record.ts';
import { defineModule, defineResponse } from '../../src/engine/registry-types.ts';

/**
 * A small module of its own (expense claims with lines and payments) used to prove the engine's
 * rules without the business module: its own tables, events and responses, registered through
 * the same extension API.
 */

// biome-ignore lint/suspicious/noExplicitAny: the test tables are not part of the product schema
type AnyDb = Kysely<any>;
const db = (ctx: { tx: unknown }) => ctx.tx as AnyDb;

export async function createExpenseTables(database: AnyDb): Promise<void> {
  await database.schema
    .createTable('test_expense')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('employee', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('test_expense_pk', ['company_id', 'no'])
    .execute();
  await database.schema
    .createTable('test_expense_line')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('expense_no', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('amount', 'text', (c) => c.notNull())
    .execute();
  await database.schema
    .createTable('test_log')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
}

export interface Expense {
  readonly no: string;
  readonly employee: string;
  readonly amount: string;
  readonly status?: string;
  readonly urgent?: boolean;
  readonly lines?: readonly { readonly category: string; readonly amount: string }[];
}

function expenseData(row: Record<string, unknown>): RecordData {
  return {
    no: String(row.no),
    employee: String(row.employee),
    amount: String(row.amount),
    status: String(row.status),
    urgent: Number(row.urgent) === 1,
  };
}

export async function insertExpense(ctx: EngineContext, expense: Expense): Promise<WorkflowRecord> {
  await db(ctx)
    .insertInto('test_expense')
    .values({
      company_id: ctx.companyId,
      no: expense.no,
      employee: expense.employee,
      amount: expense.amount,
      status: expense.status ?? 'Open',
      urgent: expense.urgent ? 1 : 0,
    })
    .execute();
  for (const [index, line] of (expense.lines ?? []).entries()) {
    await db(ctx)
      .insertInto('test_expense_line')
      .values({ company_id: ctx.companyId, expense_no: expense.no, line_no: index + 1, ...line })
      .execute();
  }
  return expenseRecord(ctx, expense.no);
}

export async function expenseRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  const data = await loadExpense(ctx, no);
  if (!data) throw new Error(`no expense ${no}`);
  return { table: 'expense', key: no, data };
}

async function loadExpense(ctx: EngineContext, no: string): Promise<RecordData | undefined> {
  const row = await db(ctx)
    .selectFrom('test_expense')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', no)
    .executeTakeFirst();
  return row ? expenseData(row) : undefined;
}

export async function setExpenseAmount(ctx: EngineContext, no: string, amount: string): Promise<void> {
  await db(ctx)
    .updateTable('test_expense')
    .set({ amount })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', no)
    .execute();
}

async function log(ctx: EngineContext, note: string): Promise<void> {
  const count = await db(ctx)
    .selectFrom('test_log')
    .select(({ fn }) => fn.countAll().as('n'))
    .where('company_id', '=', ctx.companyId)
    .executeTakeFirstOrThrow();
  await db(ctx)
    .insertInto('test_log')
    .values({ company_id: ctx.companyId, seq: Number(count.n) + 1, note })
    .execute();
}

/** What the `expense.log` responses wrote, in order. */
export async function readLog(ctx: EngineContext): Promise<string[]> {
  const rows = await db(ctx)
    .selectFrom('test_log')
    .select('note')
    .where('company_id', '=', ctx.companyId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => String(r.note));
}

const STATUSES = ['Open', 'Pending', 'Approved', 'Rejected', 'Paid'] as const;

export const expenseModule = defineModule({
  name: 'test-expenses',
  tables: [
    {
      name: 'expense',
      caption: 'Expense claim',
      key: ['no'],
      fields: [
        { name: 'no', type: 'code', caption: 'No.' },
        { name: 'employee', type: 'text', caption: 'Employee' },
        { name: 'amount', type: 'decimal', caption: 'Amount' },
        { name: 'status', type: 'option', caption: 'Status', options: STATUSES },
        { name: 'urgent', type: 'boolean', caption: 'Urgent' },
      ],
      relations: [{ table: 'expense-line', fields: [['no', 'expenseNo']] }],
      load: (ctx, key) => loadExpense(ctx, key),
    },
    {
      name: 'expense-line',
      caption: 'Expense line',
      key: ['expenseNo', 'lineNo'],
      fields: [
        { name: 'expenseNo', type: 'code' },
        { name: 'lineNo', type: 'integer' },
        { name: 'category', type: 'option', options: ['Travel', 'Meals', 'Equipment'] },
        { name: 'amount', type: 'decimal' },
      ],
      findWhere: async (ctx, equals) => {
        const rows = await db(ctx)
          .selectFrom('test_expense_line')
          .selectAll()
          .where('company_id', '=', ctx.companyId)
          .where('expense_no', '=', String(equals.expenseNo))
          .execute();
        return rows.map((r) => ({
          expenseNo: String(r.expense_no),
          lineNo: Number(r.line_no),
          category: String(r.category),
          amount: String(r.amount),
        }));
      },
    },
    {
      name: 'expense-payment',
      caption: 'Expense payment',
      key: ['paymentNo'],
      fields: [
        { name: 'paymentNo', type: 'code' },
        { name: 'expenseNo', type: 'code' },
      ],
    },
  ],
  events: [
    { code: 'expense.submitted', table: 'expense', description: 'An expense claim is submitted.' },
    {
      code: 'expense.approved',
      table: 'expense',
      description: 'An expense claim is approved.',
      predecessors: ['expense.submitted', 'expense.reminded'],
    },
    {
      code: 'expense.rejected',
      table: 'expense',
      description: 'An expense claim is rejected.',
      predecessors: ['expense.submitted', 'expense.reminded'],
    },
    { code: 'expense.reminded', table: 'expense', description: 'A reminder for an expense claim is due.' },
    {
      code: 'expense.changed',
      table: 'expense',
      description: 'An expense claim is changed.',
      usedForRecordChange: true,
    },
    { code: 'expense.paid', table: 'expense-payment', description: 'An expense claim is paid.' },
  ],
  tableRelations: [{ from: 'expense', to: 'expense-payment', fields: [['no', 'expenseNo']] }],
  responses: [
    defineResponse({
      code: 'expense.log',
      description: 'Write "{note}" to the log.',
      options: z.object({ note: z.string().optional() }),
      missingOptions: (o) => (o.note ? [] : ['note']),
      execute: async (ctx, { record, options }) => {
        await log(ctx, `${options.note ?? ''} ${record.table}:${record.key}`.trim());
        return undefined;
      },
    }),
    defineResponse({
      code: 'expense.set-status',
      description: 'Set the claim status to {status}.',
      table: 'expense',
      options: z.object({ status: z.enum(STATUSES).optional() }),
      missingOptions: (o) => (o.status ? [] : ['status']),
      predecessors: ['expense.submitted', 'expense.approved', 'expense.rejected'],
      execute: async (ctx, { record, options }) => {
        await db(ctx)
          .updateTable('test_expense')
          .set({ status: options.status })
          .where('company_id', '=', ctx.companyId)
          .where('no', '=', record.key)
          .execute();
        return undefined;
      },
    }),
    defineResponse({
      code: 'expense.fail',
      description: 'Fail on purpose.',
      execute: () => {
        throw new Error('the response failed on purpose');
      },
    }),
    defineResponse({
      code: 'expense.approve-now',
      description: 'Approve the claim at once.',
      execute: async (ctx, { record }) => {
        await ctx.raiseEventOnInstance('expense.approved', record, ctx.instance.id);
        await log(ctx, 'approve-now raised approved');
        return undefined;
      },
    }),
    defineResponse({
      code: 'expense.create-payment',
      description: 'Create a payment for the claim.',
      execute: async (_ctx, { record }) => ({
        record: {
          table: 'expense-payment',
          key: `PAY-${record.key}`,
          data: { paymentNo: `PAY-${record.key}`, expenseNo: record.key },
        },
      }),
    }),
    defineResponse({
      code: 'expense.revert',
      description: 'Hold the changed amount.',
      requires: ['expense.apply'],
      execute: () => undefined,
    }),
    defineResponse({
      code: 'expense.apply',
      description: 'Apply the held amount.',
      requires: ['expense.revert'],
      execute: () => undefined,
    }),
  ],
});
