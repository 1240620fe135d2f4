/** General journals: templates, batches, lines, balance check, posting, payment lines. */
export * from './approval.ts';
export * from './balance.ts';
export * from './batch-record.ts';
export * from './codes.ts';
export * from './gl-register.ts';
export * from './journals-module.ts';
export * from './lines.ts';
export * from './payment-lines.ts';
export * from './post-batch.ts';
export * from './record-tables.ts';
export * from './setup.ts';
