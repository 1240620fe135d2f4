import type { EngineContext } from '../engine/context.ts';

/** How each field of a row is checked and normalized; the order is the order problems are found in. */
export type FieldChecks<F> = {
  readonly [K in keyof F]: (value: unknown, ctx: EngineContext) => F[K] | Promise<F[K]>;
};

/** What a caller may give for the fields: anything, checked before use. */
export type FieldInput<F> = { readonly [K in keyof F]?: unknown };

/**
 * The checked value of every field `changes` gives; an absent (undefined) field keeps its
 * value in `base`. Checks run one at a time, so the first problem is the one reported. Writes nothing.
 */
export async function checkedChanges<F>(
  ctx: EngineContext,
  changes: FieldInput<F>,
  base: F,
  checks: FieldChecks<F>,
): Promise<F> {
  const result: Partial<F> = {};
  for (const name of Object.keys(checks) as (keyof F)[]) {
    const value = changes[name];
    result[name] = value === undefined ? base[name] : await checks[name](value, ctx);
  }
  return result as F;
}
