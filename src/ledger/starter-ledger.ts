import type { EngineContext } from '../engine/context.ts';
import { createBankAccount, createGlAccount, setPostingSetup } from './accounts.ts';

/** The smallest chart that can post documents and payments: bank, receivables, payables, sales, purchases. */
export const STARTER_GL_ACCOUNTS = [
  { no: '1100', name: 'Bank' },
  { no: '1300', name: 'Receivables' },
  { no: '2100', name: 'Payables' },
  { no: '4000', name: 'Sales' },
  { no: '5000', name: 'Purchases' },
] as const;

/** Creates the starter chart, bank account BANK1 (G/L 1100) and the posting setup. */
export async function createStarterLedger(ctx: EngineContext): Promise<void> {
  for (const account of STARTER_GL_ACCOUNTS) await createGlAccount(ctx, account);
  await createBankAccount(ctx, { no: 'BANK1', name: 'Current account', glAccountNo: '1100' });
  await setPostingSetup(ctx, {
    receivablesAccount: '1300',
    payablesAccount: '2100',
    salesAccount: '4000',
    purchaseAccount: '5000',
  });
}
