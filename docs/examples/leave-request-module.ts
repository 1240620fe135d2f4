/**
 * A complete Werkstroom module: leave requests with lines, an event raised when one is submitted,
 * and two responses. `docs/extending.md` walks through it piece by piece.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  createWorkflow,
  defineModule,
  defineResponse,
  type EngineContext,
  type EventDefinition,
  type EventOutcome,
  enableWorkflow,
  handleEvent,
  openWerkstroom,
  type RecordData,
  type RecordTableDefinition,
  type Werkstroom,
  type WorkflowRecord,
} from '../../src/index.ts';

// --- Storage: the module's own SQL tables, next to Werkstroom's -----------------------------

export const LEAVE_STATUSES = ['Open', 'Pending', 'Approved', 'Rejected'] as const;
export const LEAVE_KINDS = ['Holiday', 'Sick', 'Unpaid'] as const;

/** The module's tables as Kysely sees them; every row belongs to one company. */
type LeaveTables = {
  leave_request: {
    company_id: number;
    no: string;
    employee: string;
    start_date: string;
    days: number;
    status: string;
  };
  leave_request_line: { company_id: number; request_no: string; line_no: number; kind: string; days: number };
  leave_notification: {
    company_id: number;
    request_no: string;
    manager: string;
    message: string;
    created_by: string;
    created_at: string;
  };
};

/** The engine's transaction, widened with the module's tables. */
const leaveDb = (ctx: EngineContext) => ctx.tx.withTables<LeaveTables>();

export async function createLeaveTables<DB>(db: Kysely<DB>): Promise<void> {
  await db.schema
    .createTable('leave_request')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('no', 'text', (c) => c.notNull())
    .addColumn('employee', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('leave_request_pk', ['company_id', 'no'])
    .execute();
  await db.schema
    .createTable('leave_request_line')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('request_no', 'text', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('leave_request_line_pk', ['company_id', 'request_no', 'line_no'])
    .execute();
  await db.schema
    .createTable('leave_notification')
    .ifNotExists()
    .addColumn('company_id', 'integer', (c) => c.notNull())
    .addColumn('request_no', 'text', (c) => c.notNull())
    .addColumn('manager', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

// --- Records: how the engine sees a leave request ------------------------------------------

export async function loadLeaveRequest(ctx: EngineContext, no: string): Promise<RecordData | undefined> {
  const row = await leaveDb(ctx)
    .selectFrom('leave_request')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', no)
    .executeTakeFirst();
  return row && { no: row.no, employee: row.employee, startDate: row.start_date, days: row.days, status: row.status };
}

export async function leaveRequestRecord(ctx: EngineContext, no: string): Promise<WorkflowRecord> {
  const data = await loadLeaveRequest(ctx, no);
  if (!data) throw new Error(`Leave request ${no} does not exist.`);
  return { table: 'leave-request', key: no, data };
}

export interface LeaveRequestInput {
  readonly no: string;
  readonly employee: string;
  readonly startDate: string;
  readonly lines: readonly { readonly kind: (typeof LEAVE_KINDS)[number]; readonly days: number }[];
}

export async function insertLeaveRequest(ctx: EngineContext, input: LeaveRequestInput): Promise<WorkflowRecord> {
  const days = input.lines.reduce((sum, line) => sum + line.days, 0);
  await leaveDb(ctx)
    .insertInto('leave_request')
    .values({
      company_id: ctx.companyId,
      no: input.no,
      employee: input.employee,
      start_date: input.startDate,
      days,
      status: 'Open',
    })
    .execute();
  for (const [index, line] of input.lines.entries()) {
    await leaveDb(ctx)
      .insertInto('leave_request_line')
      .values({ company_id: ctx.companyId, request_no: input.no, line_no: index + 1, ...line })
      .execute();
  }
  return leaveRequestRecord(ctx, input.no);
}

export async function listNotifications(ctx: EngineContext) {
  return leaveDb(ctx)
    .selectFrom('leave_notification')
    .select(['request_no', 'manager', 'message', 'created_by'])
    .where('company_id', '=', ctx.companyId)
    .orderBy('created_at')
    .execute();
}

// --- Record tables: what workflows can see and filter on ------------------------------------

const leaveRequestTable: RecordTableDefinition = {
  name: 'leave-request',
  caption: 'Leave request',
  key: ['no'],
  fields: [
    { name: 'no', type: 'code', caption: 'No.' },
    { name: 'employee', type: 'text', caption: 'Employee' },
    { name: 'startDate', type: 'date', caption: 'Start date' },
    { name: 'days', type: 'integer', caption: 'Days' },
    { name: 'status', type: 'option', caption: 'Status', options: LEAVE_STATUSES },
  ],
  relations: [{ table: 'leave-request-line', fields: [['no', 'requestNo']] }],
  load: (ctx, key) => loadLeaveRequest(ctx, key),
};

const leaveRequestLineTable: RecordTableDefinition = {
  name: 'leave-request-line',
  caption: 'Leave request line',
  key: ['requestNo', 'lineNo'],
  fields: [
    { name: 'requestNo', type: 'code', caption: 'Request No.' },
    { name: 'lineNo', type: 'integer', caption: 'Line No.' },
    { name: 'kind', type: 'option', caption: 'Kind', options: LEAVE_KINDS },
    { name: 'days', type: 'integer', caption: 'Days' },
  ],
  findWhere: async (ctx, equals) => {
    const rows = await leaveDb(ctx)
      .selectFrom('leave_request_line')
      .selectAll()
      .where('company_id', '=', ctx.companyId)
      .where('request_no', '=', String(equals.requestNo))
      .execute();
    return rows.map((r) => ({ requestNo: r.request_no, lineNo: r.line_no, kind: r.kind, days: r.days }));
  },
};

// --- Events ---------------------------------------------------------------------------------

const leaveEvents: EventDefinition[] = [
  { code: 'leave-request.submitted', table: 'leave-request', description: 'A leave request is submitted.' },
  {
    code: 'leave-request.approved',
    table: 'leave-request',
    description: 'A leave request is approved.',
    predecessors: ['leave-request.submitted'],
  },
];

// --- Responses ------------------------------------------------------------------------------

const notifyManager = defineResponse({
  code: 'leave-request.notify-manager',
  description: 'Notify manager {manager} of the leave request.',
  table: 'leave-request',
  options: z.object({
    manager: z.string().max(50).optional(),
    note: z.string().max(250).optional(),
  }),
  missingOptions: (options) => (options.manager ? [] : ['manager']),
  predecessors: ['leave-request.submitted'],
  execute: async (ctx, { record, options }) => {
    const { employee, days, status } = record.data;
    const message = `${employee} asks for ${days} days of leave (${record.key}, ${status}). ${options.note ?? ''}`;
    await leaveDb(ctx)
      .insertInto('leave_notification')
      .values({
        company_id: ctx.companyId,
        request_no: record.key,
        manager: options.manager ?? '',
        message: message.trim(),
        created_by: ctx.userId,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    ctx.showMessage(`Manager ${options.manager} has been told about leave request ${record.key}.`);
    return undefined;
  },
});

const setStatus = defineResponse({
  code: 'leave-request.set-status',
  description: 'Set the leave request status to {status}.',
  table: 'leave-request',
  options: z.object({ status: z.enum(LEAVE_STATUSES).optional() }),
  missingOptions: (options) => (options.status ? [] : ['status']),
  execute: async (ctx, { record, options }) => {
    await leaveDb(ctx)
      .updateTable('leave_request')
      .set({ status: options.status })
      .where('company_id', '=', ctx.companyId)
      .where('no', '=', record.key)
      .execute();
    // Hand the changed record to the next response, so it sees the new status.
    return { record: await leaveRequestRecord(ctx, record.key) };
  },
});

// --- The module -----------------------------------------------------------------------------

export const leaveRequestModule = defineModule({
  name: 'leave-requests',
  tables: [leaveRequestTable, leaveRequestLineTable],
  events: leaveEvents,
  responses: [notifyManager, setStatus],
});

// --- Using it -------------------------------------------------------------------------------

export async function openLeaveApp(databaseUrl: string): Promise<Werkstroom> {
  const app = await openWerkstroom({ databaseUrl, modules: [leaveRequestModule] });
  await createLeaveTables(app.database.db);
  return app;
}

export async function createLeaveApproval(ctx: EngineContext, manager: string): Promise<void> {
  await createWorkflow(ctx, {
    code: 'LEAVE',
    description: 'Leave request approval',
    steps: [
      { id: 1, previousStepId: null, type: 'event', functionCode: 'leave-request.submitted' },
      {
        id: 2,
        previousStepId: 1,
        type: 'response',
        functionCode: 'leave-request.set-status',
        options: { status: 'Pending' },
      },
      {
        id: 3,
        previousStepId: 2,
        type: 'response',
        functionCode: 'leave-request.notify-manager',
        options: { manager },
      },
      { id: 4, previousStepId: 3, type: 'event', functionCode: 'leave-request.approved' },
      {
        id: 5,
        previousStepId: 4,
        type: 'response',
        functionCode: 'leave-request.set-status',
        options: { status: 'Approved' },
      },
    ],
  });
  await enableWorkflow(ctx, 'LEAVE');
}

export async function submitLeaveRequest(ctx: EngineContext, input: LeaveRequestInput): Promise<EventOutcome> {
  const record = await insertLeaveRequest(ctx, input);
  return handleEvent(ctx, 'leave-request.submitted', record);
}

export async function approveLeaveRequest(ctx: EngineContext, no: string): Promise<EventOutcome> {
  return handleEvent(ctx, 'leave-request.approved', await leaveRequestRecord(ctx, no));
}
