import type { EngineContext } from '../engine/context.ts';
import { type CodeRule, lookupCode, normalizeCode, normalizeText, type TextRule } from '../records/codes.ts';
import { assertRevision } from '../records/revisions.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';

/**
 * The accounts postings write to: G/L accounts, bank accounts (each posting to a G/L account)
 * and the company's posting setup (which G/L accounts receivables, payables, sales and
 * purchases go to). A blocked account refuses new entries.
 */
export interface GlAccount {
  readonly no: string;
  readonly name: string;
  readonly blocked: boolean;
  readonly revision: number;
}

export interface BankAccount {
  readonly no: string;
  readonly name: string;
  readonly glAccountNo: string;
  readonly blocked: boolean;
  readonly revision: number;
}

export interface PostingSetup {
  readonly receivablesAccount: string;
  readonly payablesAccount: string;
  readonly salesAccount: string;
  readonly purchaseAccount: string;
  readonly revision: number;
}

const GL_NO: CodeRule = { code: 'gl-account-no-invalid', field: 'no', label: 'G/L account no.', maxLength: 20 };
const GL_NAME: TextRule = { code: 'gl-account-name', field: 'name', label: 'G/L account name', maxLength: 100 };
const BANK_NO: CodeRule = { code: 'bank-account-no-invalid', field: 'no', label: 'Bank account no.', maxLength: 20 };
const BANK_NAME: TextRule = { code: 'bank-account-name', field: 'name', label: 'Bank account name', maxLength: 100 };

export async function findGlAccount(ctx: EngineContext, no: string): Promise<GlAccount | undefined> {
  const row = await ctx.tx
    .selectFrom('gl_account')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', lookupCode(no))
    .executeTakeFirst();
  return row && { no: row.no, name: row.name, blocked: Number(row.blocked) === 1, revision: Number(row.revision) };
}

export async function getGlAccount(ctx: EngineContext, no: string): Promise<GlAccount> {
  const account = await findGlAccount(ctx, no);
  if (!account) throw notFound('gl-account-not-found', `G/L account ${lookupCode(no)} does not exist.`, { no });
  return account;
}

export async function listGlAccounts(ctx: EngineContext): Promise<GlAccount[]> {
  const rows = await ctx.tx
    .selectFrom('gl_account')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('no')
    .execute();
  return rows.map((r) => ({ no: r.no, name: r.name, blocked: Number(r.blocked) === 1, revision: Number(r.revision) }));
}

export async function createGlAccount(
  ctx: EngineContext,
  input: { readonly no: string; readonly name: string; readonly blocked?: boolean },
): Promise<GlAccount> {
  const no = normalizeCode(input.no, GL_NO);
  const name = normalizeText(input.name, GL_NAME);
  if (await findGlAccount(ctx, no)) throw conflict('gl-account-exists', `G/L account ${no} exists already.`);
  const blocked = input.blocked === true;
  await ctx.tx
    .insertInto('gl_account')
    .values({ company_id: ctx.companyId, no, name, blocked: blocked ? 1 : 0, revision: 1 })
    .execute();
  return { no, name, blocked, revision: 1 };
}

/** Renames or (un)blocks a G/L account; `expectedRevision` guards against lost updates. */
export async function updateGlAccount(
  ctx: EngineContext,
  no: string,
  changes: { readonly name?: string; readonly blocked?: boolean },
  expectedRevision?: number,
): Promise<GlAccount> {
  const before = await getGlAccount(ctx, no);
  assertRevision('gl-account-revision-stale', `G/L account ${before.no}`, before.revision, expectedRevision);
  const after: GlAccount = {
    ...before,
    name: changes.name === undefined ? before.name : normalizeText(changes.name, GL_NAME),
    blocked: changes.blocked ?? before.blocked,
    revision: before.revision + 1,
  };
  const result = await ctx.tx
    .updateTable('gl_account')
    .set({ name: after.name, blocked: after.blocked ? 1 : 0, revision: after.revision })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', before.no)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertSaved(result.numUpdatedRows, 'gl-account-revision-stale', `G/L account ${before.no}`);
  return after;
}

export async function findBankAccount(ctx: EngineContext, no: string): Promise<BankAccount | undefined> {
  const row = await ctx.tx
    .selectFrom('bank_account')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', lookupCode(no))
    .executeTakeFirst();
  return row && toBank(row);
}

function toBank(row: { no: string; name: string; gl_account_no: string; blocked: number; revision: number }) {
  return {
    no: row.no,
    name: row.name,
    glAccountNo: row.gl_account_no,
    blocked: Number(row.blocked) === 1,
    revision: Number(row.revision),
  };
}

export async function getBankAccount(ctx: EngineContext, no: string): Promise<BankAccount> {
  const account = await findBankAccount(ctx, no);
  if (!account) throw notFound('bank-account-not-found', `Bank account ${lookupCode(no)} does not exist.`, { no });
  return account;
}

export async function listBankAccounts(ctx: EngineContext): Promise<BankAccount[]> {
  const rows = await ctx.tx
    .selectFrom('bank_account')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .orderBy('no')
    .execute();
  return rows.map(toBank);
}

export async function createBankAccount(
  ctx: EngineContext,
  input: { readonly no: string; readonly name: string; readonly glAccountNo: string; readonly blocked?: boolean },
): Promise<BankAccount> {
  const no = normalizeCode(input.no, BANK_NO);
  const name = normalizeText(input.name, BANK_NAME);
  const gl = await postingAccount(ctx, input.glAccountNo, 'glAccountNo');
  if (await findBankAccount(ctx, no)) throw conflict('bank-account-exists', `Bank account ${no} exists already.`);
  const blocked = input.blocked === true;
  await ctx.tx
    .insertInto('bank_account')
    .values({ company_id: ctx.companyId, no, name, gl_account_no: gl, blocked: blocked ? 1 : 0, revision: 1 })
    .execute();
  return { no, name, glAccountNo: gl, blocked, revision: 1 };
}

export async function updateBankAccount(
  ctx: EngineContext,
  no: string,
  changes: { readonly name?: string; readonly glAccountNo?: string; readonly blocked?: boolean },
  expectedRevision?: number,
): Promise<BankAccount> {
  const before = await getBankAccount(ctx, no);
  assertRevision('bank-account-revision-stale', `Bank account ${before.no}`, before.revision, expectedRevision);
  const after: BankAccount = {
    no: before.no,
    name: changes.name === undefined ? before.name : normalizeText(changes.name, BANK_NAME),
    glAccountNo:
      changes.glAccountNo === undefined
        ? before.glAccountNo
        : await postingAccount(ctx, changes.glAccountNo, 'glAccountNo'),
    blocked: changes.blocked ?? before.blocked,
    revision: before.revision + 1,
  };
  const result = await ctx.tx
    .updateTable('bank_account')
    .set({
      name: after.name,
      gl_account_no: after.glAccountNo,
      blocked: after.blocked ? 1 : 0,
      revision: after.revision,
    })
    .where('company_id', '=', ctx.companyId)
    .where('no', '=', before.no)
    .where('revision', '=', before.revision)
    .executeTakeFirst();
  assertSaved(result.numUpdatedRows, 'bank-account-revision-stale', `Bank account ${before.no}`);
  return after;
}

/** A G/L account that must exist, as stored (upper-case). */
async function postingAccount(ctx: EngineContext, no: unknown, field: string): Promise<string> {
  const code = typeof no === 'string' ? lookupCode(no) : '';
  if (code === '') throw invalid('gl-account-required', `${field} must name a G/L account.`, { field });
  if (!(await findGlAccount(ctx, code))) {
    throw invalid('gl-account-not-found', `G/L account ${code} does not exist.`, { field });
  }
  return code;
}

export async function findPostingSetup(ctx: EngineContext): Promise<PostingSetup | undefined> {
  const row = await ctx.tx
    .selectFrom('posting_setup')
    .selectAll()
    .where('company_id', '=', ctx.companyId)
    .executeTakeFirst();
  return (
    row && {
      receivablesAccount: row.receivables_account,
      payablesAccount: row.payables_account,
      salesAccount: row.sales_account,
      purchaseAccount: row.purchase_account,
      revision: Number(row.revision),
    }
  );
}

export async function getPostingSetup(ctx: EngineContext): Promise<PostingSetup> {
  const setup = await findPostingSetup(ctx);
  if (!setup) {
    throw conflict(
      'posting-setup-missing',
      'The posting setup is missing: choose the receivables, payables, sales and purchase accounts first.',
    );
  }
  return setup;
}

/** Creates or replaces the posting setup; every account must exist. */
export async function setPostingSetup(
  ctx: EngineContext,
  input: Omit<PostingSetup, 'revision'>,
  expectedRevision?: number,
): Promise<PostingSetup> {
  const before = await findPostingSetup(ctx);
  if (before) assertRevision('posting-setup-revision-stale', 'The posting setup', before.revision, expectedRevision);
  const values = {
    receivables_account: await postingAccount(ctx, input.receivablesAccount, 'receivablesAccount'),
    payables_account: await postingAccount(ctx, input.payablesAccount, 'payablesAccount'),
    sales_account: await postingAccount(ctx, input.salesAccount, 'salesAccount'),
    purchase_account: await postingAccount(ctx, input.purchaseAccount, 'purchaseAccount'),
    revision: (before?.revision ?? 0) + 1,
  };
  // Conditional on what was read, so two people saving at once cannot both win.
  const result = before
    ? await ctx.tx
        .updateTable('posting_setup')
        .set(values)
        .where('company_id', '=', ctx.companyId)
        .where('revision', '=', before.revision)
        .executeTakeFirst()
    : await ctx.tx
        .insertInto('posting_setup')
        .values({ company_id: ctx.companyId, ...values })
        .onConflict((oc) => oc.column('company_id').doNothing())
        .executeTakeFirst();
  assertSaved(
    'numUpdatedRows' in result ? result.numUpdatedRows : (result.numInsertedOrUpdatedRows ?? 0n),
    'posting-setup-revision-stale',
    'The posting setup',
  );
  return {
    receivablesAccount: values.receivables_account,
    payablesAccount: values.payables_account,
    salesAccount: values.sales_account,
    purchaseAccount: values.purchase_account,
    revision: values.revision,
  };
}

/** A conditional save that changed nothing lost a race with another one. */
function assertSaved(rows: bigint | number, code: string, what: string): void {
  if (Number(rows) !== 1) {
    throw conflict(code, `${what} was changed by someone else at the same time; reload it and try again.`);
  }
}
