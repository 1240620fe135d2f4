import type { EngineContext } from '../../src/engine/context.ts';
import { createBankAccount, createGlAccount, setPostingSetup } from '../../src/ledger/accounts.ts';

/** A small chart of accounts: bank, receivables, payables, sales, purchases; bank account BANK1. */
export async function setUpLedger(ctx: EngineContext): Promise<void> {
  for (const [no, name] of [
    ['1100', 'Bank'],
    ['1300', 'Receivables'],
    ['2100', 'Payables'],
    ['4000', 'Sales'],
    ['5000', 'Purchases'],
  ] as const) {
    await createGlAccount(ctx, { no, name });
  }
  await createBankAccount(ctx, { no: 'BANK1', name: 'Current account', glAccountNo: '1100' });
  await setPostingSetup(ctx, {
    receivablesAccount: '1300',
    payablesAccount: '2100',
    salesAccount: '4000',
    purchaseAccount: '5000',
  });
}
