import { defineModule } from '../engine/registry-types.ts';

/** Customer credit limits: the check response, its events, automatic approval. */
export const creditModule = defineModule({ name: 'credit' });
