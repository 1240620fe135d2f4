import { Decimal } from 'decimal.js';
import type { Selectable } from 'kysely';
import type { ApprovalUserSetupTable } from '../db/schema.ts';
import type { EngineContext } from '../engine/context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';

/** A user's part in approvals (spec §1.11): who approves their requests, and up to which amounts they approve. */
export interface ApprovalUserSetup {
  readonly userId: string;
  readonly salespersonCode: string;
  readonly approverId: string;
  readonly salesLimit: string;
  readonly unlimitedSales: boolean;
  readonly purchaseLimit: string;
  readonly unlimitedPurchase: boolean;
  readonly requestLimit: string;
  readonly unlimitedRequest: boolean;
  readonly substitute: string;
  readonly email: string;
  readonly phone: string;
  readonly approvalAdministrator: boolean;
  readonly revision: number;
}

export type ApprovalUserSetupInput = Partial<Omit<ApprovalUserSetup, 'userId' | 'revision'>> & {
  readonly userId: string;
};

function rowToSetup(row: Selectable<ApprovalUserSetupTable>): ApprovalUserSetup {
  return {
    userId: row.user_id,
    salespersonCode: row.salesperson_code,
    approverId: row.approver_id,
    salesLimit: row.sales_limit,
    unlimitedSales: row.unlimited_sales === 1,
    purchaseLimit: row.purchase_limit,
    unlimitedPurchase: row.unlimited_purchase === 1,
    requestLimit: row.request_limit,
    unlimitedRequest: row.unlimited_request === 1,
    substitute: row.substitute,
    email: row.email,
    phone: row.phone,
    approvalAdministrator: row.approval_administrator === 1,
    revision: row.revision,
  };
}

export async function findUserSetup(ctx: EngineContext, userId: string): Promise<ApprovalUserSetup | undefined> {
  if (userId === '') return undefined;
  const row = await ctx.tx
    .selectFrom('approval_user_setup')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('user_id', '=', userId.toUpperCase())
    .executeTakeFirst();
  return row ? rowToSetup(row) : undefined;
}

export async function getUserSetup(ctx: EngineContext, userId: string): Promise<ApprovalUserSetup> {
  const setup = await findUserSetup(ctx, userId);
  if (!setup) {
    throw notFound('approval-user-not-set-up', `User ${userId} is not set up as an approval user.`, { userId });
  }
  return setup;
}

export async function listUserSetups(ctx: EngineContext): Promise<ApprovalUserSetup[]> {
  const rows = await ctx.tx
    .selectFrom('approval_user_setup')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('user_id')
    .execute();
  return rows.map(rowToSetup);
}

export async function approvalAdministrator(ctx: EngineContext): Promise<ApprovalUserSetup | undefined> {
  const row = await ctx.tx
    .selectFrom('approval_user_setup')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('approval_administrator', '=', 1)
    .executeTakeFirst();
  return row ? rowToSetup(row) : undefined;
}

function checkLimit(
  value: string | undefined,
  unlimited: boolean | undefined,
  field: string,
  unlimitedField: string,
): string {
  const text = value ?? '0';
  let amount: Decimal;
  try {
    amount = new Decimal(text);
  } catch {
    throw invalid('approval-limit-invalid', `${field} "${text}" is not a number.`, { field });
  }
  if (amount.isNegative())
    throw invalid('approval-limit-negative', 'Approval limits cannot be less than zero.', { field });
  if (unlimited && !amount.isZero()) {
    throw invalid('approval-limit-and-unlimited', `Set either ${field} or ${unlimitedField}, not both.`, { field });
  }
  return amount.toString();
}

/**
 * One administrator per company, one user per salesperson code, no approver that is being
 * deleted: these are checked by reading, so on a database with row locks the changes to one
 * company's approval setup take turns (the company row is the lock) and two cannot both pass.
 */
async function lockApprovalSetup(ctx: EngineContext): Promise<void> {
  if (!ctx.capabilities.rowLocks) return;
  await ctx.tx.selectFrom('company').select('id').where('id', '=', ctx.companyId).forUpdate().execute();
}

/**
 * Creates or replaces a user's approval setup with every check of the reference: approver and
 * substitute are other approval users, limits are not negative and not combined with
 * "unlimited", a salesperson belongs to one user, and there is one approval administrator.
 */
export async function saveUserSetup(
  ctx: EngineContext,
  input: ApprovalUserSetupInput,
  expectedRevision?: number,
): Promise<ApprovalUserSetup> {
  const userId = input.userId.trim().toUpperCase();
  const user = await ctx.tx.selectFrom('app_user').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw invalid('user-unknown', `User ${userId} does not exist.`, { field: 'userId' });
  await lockApprovalSetup(ctx);
  const existing = await findUserSetup(ctx, userId);
  if (expectedRevision !== undefined && existing && existing.revision !== expectedRevision) {
    throw conflict('approval-user-setup-revision-stale', `The setup of ${userId} has changed since you read it.`);
  }
  const approverId = (input.approverId ?? existing?.approverId ?? '').toUpperCase();
  const substitute = (input.substitute ?? existing?.substitute ?? '').toUpperCase();
  const salespersonCode = (input.salespersonCode ?? existing?.salespersonCode ?? '').toUpperCase();
  for (const [field, other] of [
    ['approverId', approverId],
    ['substitute', substitute],
  ] as const) {
    if (other === '') continue;
    if (other === userId)
      throw invalid(
        'approval-user-self-reference',
        `${userId} cannot be their own ${field === 'approverId' ? 'approver' : 'substitute'}.`,
        { field },
      );
    if (!(await findUserSetup(ctx, other))) {
      throw invalid('approval-user-not-set-up', `${other} must be set up as an approval user first.`, { field });
    }
  }
  if (salespersonCode !== '') {
    const sp = await ctx.tx
      .selectFrom('salesperson_purchaser')
      .select('code')
      .where('company_id', '=', ctx.companyId)
      .where('code', '=', salespersonCode)
      .executeTakeFirst();
    if (!sp)
      throw invalid('salesperson-unknown', `Salesperson/purchaser ${salespersonCode} does not exist.`, {
        field: 'salespersonCode',
      });
    const taken = await ctx.tx
      .selectFrom('approval_user_setup')
      .select('user_id')
      .where('company_id', '=', ctx.companyId)
      .where('salesperson_code', '=', salespersonCode)
      .where('user_id', '<>', userId)
      .executeTakeFirst();
    if (taken) {
      throw conflict(
        'salesperson-already-assigned',
        `Salesperson/purchaser ${salespersonCode} already belongs to ${taken.user_id}.`,
        {
          field: 'salespersonCode',
        },
      );
    }
  }
  const unlimitedSales = input.unlimitedSales ?? existing?.unlimitedSales ?? false;
  const unlimitedPurchase = input.unlimitedPurchase ?? existing?.unlimitedPurchase ?? false;
  const unlimitedRequest = input.unlimitedRequest ?? existing?.unlimitedRequest ?? false;
  const salesLimit = checkLimit(
    input.salesLimit ?? (unlimitedSales ? '0' : existing?.salesLimit),
    unlimitedSales,
    'salesLimit',
    'unlimitedSales',
  );
  const purchaseLimit = checkLimit(
    input.purchaseLimit ?? (unlimitedPurchase ? '0' : existing?.purchaseLimit),
    unlimitedPurchase,
    'purchaseLimit',
    'unlimitedPurchase',
  );
  const requestLimit = checkLimit(
    input.requestLimit ?? (unlimitedRequest ? '0' : existing?.requestLimit),
    unlimitedRequest,
    'requestLimit',
    'unlimitedRequest',
  );
  const phone = input.phone ?? existing?.phone ?? '';
  if (/[A-Za-z]/.test(phone))
    throw invalid('phone-invalid', 'A phone number cannot contain letters.', { field: 'phone' });
  const email = input.email ?? existing?.email ?? '';
  if (email !== '' && !/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw invalid('email-invalid', `"${email}" is not an email address.`, { field: 'email' });
  }
  const admin = input.approvalAdministrator ?? existing?.approvalAdministrator ?? false;
  if (admin) {
    const other = await approvalAdministrator(ctx);
    if (other && other.userId !== userId) {
      throw conflict(
        'approval-administrator-exists',
        `${other.userId} is already the approval administrator; a company has one.`,
        {
          field: 'approvalAdministrator',
        },
      );
    }
  }
  const values = {
    salesperson_code: salespersonCode,
    approver_id: approverId,
    sales_limit: salesLimit,
    unlimited_sales: unlimitedSales ? 1 : 0,
    purchase_limit: purchaseLimit,
    unlimited_purchase: unlimitedPurchase ? 1 : 0,
    request_limit: requestLimit,
    unlimited_request: unlimitedRequest ? 1 : 0,
    substitute,
    email,
    phone,
    approval_administrator: admin ? 1 : 0,
  };
  if (existing) {
    await ctx.tx
      .updateTable('approval_user_setup')
      .set({ ...values, revision: existing.revision + 1 })
      .where('company_id', '=', ctx.companyId)
      .where('user_id', '=', userId)
      .execute();
  } else {
    await ctx.tx
      .insertInto('approval_user_setup')
      .values({ ...values, company_id: ctx.companyId, user_id: userId, revision: 1 })
      .execute();
  }
  return getUserSetup(ctx, userId);
}

export async function deleteUserSetup(ctx: EngineContext, userId: string): Promise<void> {
  await lockApprovalSetup(ctx);
  const setup = await getUserSetup(ctx, userId);
  const referenced = await ctx.tx
    .selectFrom('approval_user_setup')
    .select('user_id')
    .where('company_id', '=', ctx.companyId)
    .where((eb) => eb.or([eb('approver_id', '=', setup.userId), eb('substitute', '=', setup.userId)]))
    .executeTakeFirst();
  if (referenced) {
    throw conflict('approval-user-in-use', `${setup.userId} is the approver or substitute of ${referenced.user_id}.`);
  }
  const membership = await ctx.tx
    .selectFrom('workflow_user_group_member')
    .select('group_code')
    .where('company_id', '=', ctx.companyId)
    .where('user_id', '=', setup.userId)
    .executeTakeFirst();
  if (membership) {
    // Otherwise every request routed to the group would fail until the group is repaired.
    throw conflict(
      'approval-user-in-group',
      `${setup.userId} is a member of workflow user group ${membership.group_code}; remove them from it first.`,
    );
  }
  // Their notification preferences go with them (reference §7.2).
  await ctx.tx
    .deleteFrom('notification_setup')
    .where('company_id', '=', ctx.companyId)
    .where('user_id', '=', setup.userId)
    .execute();
  await ctx.tx
    .deleteFrom('approval_user_setup')
    .where('company_id', '=', ctx.companyId)
    .where('user_id', '=', setup.userId)
    .execute();
}
