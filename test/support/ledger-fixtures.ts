import type { EngineContext } from '../../src/engine/context.ts';
import { createStarterLedger } from '../../src/ledger/starter-ledger.ts';

/** A small chart of accounts: 1100 Bank, 1300 Receivables, 2100 Payables, 4000 Sales, 5000 Purchases; bank account BANK1. */
export async function setUpLedger(ctx: EngineContext): Promise<void> {
  await createStarterLedger(ctx);
}
