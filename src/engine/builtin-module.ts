import { z } from 'zod';
import { defineModule, defineResponse } from './registry-types.ts';

/** Responses every installation has, whatever business module is loaded. */
export const builtinModule = defineModule({
  name: 'builtin',
  responses: [
    defineResponse({
      code: 'do-nothing',
      description: 'Do nothing.',
      execute: () => undefined,
    }),
    defineResponse({
      code: 'show-message',
      description: 'Show the message "{message}".',
      options: z.object({ message: z.string().max(250).optional() }),
      execute: (ctx, { options }) => {
        ctx.showMessage(options.message ?? '');
        return undefined;
      },
    }),
  ],
});
