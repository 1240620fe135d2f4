/** The ledger: accounts, the posting setup, balanced postings and their entries. */
export * from './accounts.ts';
export * from './entries.ts';
export * from './post-transaction.ts';
export * from './queries.ts';
export * from './starter-ledger.ts';
