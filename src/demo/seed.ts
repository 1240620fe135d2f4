import { ensureCompany } from '../app/companies.ts';
import type { Werkstroom } from '../app/werkstroom.ts';
import { findUserGroup, saveUserGroup } from '../approvals/user-groups.ts';
import { findUserSetup, saveUserSetup } from '../approvals/user-setup.ts';
import { enableWorkflow } from '../engine/definition/enable.ts';
import { listWorkflows } from '../engine/definition/workflow-store.ts';
import { createJournalBatch, createJournalTemplate, findJournalBatch, findJournalTemplate } from '../journals/setup.ts';
import {
  createBankAccount,
  createGlAccount,
  findBankAccount,
  findGlAccount,
  findPostingSetup,
  setPostingSetup,
} from '../ledger/accounts.ts';
import {
  addLine,
  createCustomer,
  createDocument,
  createItem,
  createSalesperson,
  createVendor,
  ensureUser,
  findCustomer,
  findItem,
  findSalesperson,
  findVendor,
} from '../records/index.ts';
import { setMembership } from '../server/auth/membership.ts';
import { setPassword } from '../server/auth/passwords.ts';
import { installTemplates, workflowFromTemplate } from '../templates/index.ts';
import {
  DEMO_APPROVAL_SETUP,
  DEMO_BANK_ACCOUNTS,
  DEMO_COMPANY,
  DEMO_CUSTOMERS,
  DEMO_GL_ACCOUNTS,
  DEMO_GROUP,
  DEMO_ITEMS,
  DEMO_JOURNAL_BATCHES,
  DEMO_JOURNAL_TEMPLATES,
  DEMO_PASSWORD,
  DEMO_POSTING_SETUP,
  DEMO_ROLES,
  DEMO_SALESPEOPLE,
  DEMO_USERS,
  DEMO_VENDORS,
  DEMO_WORKFLOWS,
} from './demo-data.ts';

export interface SeedResult {
  readonly company: string;
  /** False when the company was already there: seeding is idempotent. */
  readonly created: boolean;
}

/**
 * Seeds the demo company once; running it again changes nothing. The last thing seeding does is
 * create the demo documents, so a run that stopped half-way is completed by the next one.
 */
export async function seedDemoCompany(app: Werkstroom): Promise<SeedResult> {
  const db = app.database.db;
  const company = await ensureCompany(db, DEMO_COMPANY, app.clock());
  const hasDocuments = await db
    .selectFrom('document_header')
    .select('no')
    .where('company_id', '=', company.id)
    .executeTakeFirst();
  if (hasDocuments) return { company: DEMO_COMPANY.code, created: false };
  for (const user of DEMO_USERS) {
    await ensureUser(db, user, app.clock());
    await setPassword(db, user.id, DEMO_PASSWORD, app.clock());
    await setMembership(db, company.id, user.id, DEMO_ROLES[user.id] ?? ['user']);
  }
  await app.run({ company: DEMO_COMPANY.code, userId: 'ADMIN' }, async (ctx) => {
    for (const sp of DEMO_SALESPEOPLE) if (!(await findSalesperson(ctx, sp.code))) await createSalesperson(ctx, sp);
    for (const setup of DEMO_APPROVAL_SETUP)
      if (!(await findUserSetup(ctx, setup.userId))) await saveUserSetup(ctx, setup);
    if (!(await findUserGroup(ctx, DEMO_GROUP.code))) await saveUserGroup(ctx, DEMO_GROUP);
    for (const vendor of DEMO_VENDORS) if (!(await findVendor(ctx, vendor.no))) await createVendor(ctx, vendor);
    for (const customer of DEMO_CUSTOMERS)
      if (!(await findCustomer(ctx, customer.no))) await createCustomer(ctx, customer);
    for (const item of DEMO_ITEMS) if (!(await findItem(ctx, item.no))) await createItem(ctx, item);
    for (const account of DEMO_GL_ACCOUNTS)
      if (!(await findGlAccount(ctx, account.no))) await createGlAccount(ctx, account);
    for (const bank of DEMO_BANK_ACCOUNTS)
      if (!(await findBankAccount(ctx, bank.no))) await createBankAccount(ctx, bank);
    if (!(await findPostingSetup(ctx))) await setPostingSetup(ctx, DEMO_POSTING_SETUP);
    for (const template of DEMO_JOURNAL_TEMPLATES)
      if (!(await findJournalTemplate(ctx, template.name))) await createJournalTemplate(ctx, template);
    for (const batch of DEMO_JOURNAL_BATCHES)
      if (!(await findJournalBatch(ctx, batch.templateName, batch.name))) await createJournalBatch(ctx, batch);
    await installTemplates(ctx);
    const existing = new Set((await listWorkflows(ctx)).map((w) => w.code));
    for (const template of DEMO_WORKFLOWS) {
      const copy = `${template}-01`;
      if (existing.has(copy)) continue;
      await workflowFromTemplate(ctx, template);
      await enableWorkflow(ctx, copy);
    }
  });
  // Open documents waiting for someone to send them, as different users created them.
  await app.run({ company: DEMO_COMPANY.code, userId: 'ALICIA' }, async (ctx) => {
    const order = await createDocument(ctx, { area: 'purchase', documentType: 'order', partyNo: 'V10000' });
    await addLine(ctx, order, { type: 'item', no: '1000', quantity: '4' });
    await addLine(ctx, order, { type: 'item', no: '1002', quantity: '4' });
  });
  await app.run({ company: DEMO_COMPANY.code, userId: 'JOHN' }, async (ctx) => {
    const order = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C10000' });
    await addLine(ctx, order, { type: 'item', no: '1001', quantity: '2' });
  });
  return { company: DEMO_COMPANY.code, created: true };
}
