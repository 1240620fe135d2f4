import { expect, it } from 'vitest';
import { createDocument, getDocument, renameCustomer } from '../../src/records/index.ts';
import { readyCompany } from '../approvals/actions/fixtures.ts';
import { describeEachDialect } from '../support/dialects.ts';

/** A gate a command waits at, so another command can run while the first is still open. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describeEachDialect('renaming a customer while a document is being made for it', (db) => {
  it('the rename waits for the document, which then carries the new no. (PostgreSQL runs both at once)', async () => {
    const t = await readyCompany(db());
    const created = gate();
    const release = gate();
    // ALICIA's order for C1000 is written but not committed when the rename starts.
    const making = t.run(async (ctx) => {
      const order = await createDocument(ctx, { area: 'sales', documentType: 'order', partyNo: 'C1000' });
      created.open();
      await release.opened;
      return order;
    }, 'ALICIA');
    await created.opened;
    const renaming = t.run((ctx) => renameCustomer(ctx, 'C1000', 'C1500'), 'ADMIN');
    // SQLite has one writer: the rename simply queues behind the open command.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release.open();
    const order = await making;
    expect(await renaming).toMatchObject({ no: 'C1500' });
    expect((await t.run((ctx) => getDocument(ctx, order))).partyNo).toBe('C1500');
  });
});
