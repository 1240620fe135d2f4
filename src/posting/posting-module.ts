import { defineModule } from '../engine/registry-types.ts';

/** Posting of purchase and sales documents: posted documents, ledger entries, background posting. */
export const postingModule = defineModule({ name: 'posting' });
