import type { EngineContext } from '../engine/context.ts';
import { findBankAccount, findGlAccount } from '../ledger/accounts.ts';
import { lookupCode } from '../records/codes.ts';
import { findCustomer } from '../records/customers.ts';
import { holdMasterKey } from '../records/key-locks.ts';
import { findVendor } from '../records/vendors.ts';
import { invalid } from '../shared/errors.ts';
import { ACCOUNT_TYPES, type JournalAccountType } from './codes.ts';

const LABELS: Readonly<Record<JournalAccountType, string>> = {
  'gl-account': 'G/L account',
  customer: 'Customer',
  vendor: 'Vendor',
  'bank-account': 'Bank account',
};

export function accountLabel(type: JournalAccountType): string {
  return LABELS[type];
}

/** An account type as given: one of the four, or (when `blankAllowed`) blank. */
export function parseAccountType(value: unknown, field: string, blankAllowed: true): JournalAccountType | '';
export function parseAccountType(value: unknown, field: string, blankAllowed?: false): JournalAccountType;
export function parseAccountType(value: unknown, field: string, blankAllowed = false): JournalAccountType | '' {
  if (blankAllowed && (value === undefined || value === null || value === '')) return '';
  if (typeof value === 'string' && (ACCOUNT_TYPES as readonly string[]).includes(value)) {
    return value as JournalAccountType;
  }
  throw invalid(
    'journal-account-type-invalid',
    `${field} must be one of ${ACCOUNT_TYPES.join(', ')}${blankAllowed ? ' or blank' : ''}; got ${JSON.stringify(value)}.`,
    { field },
  );
}

/** The account no. as stored, refused (`journal-account-not-found`) when no such account exists. */
export async function checkAccount(
  ctx: EngineContext,
  type: JournalAccountType,
  no: unknown,
  field: string,
): Promise<string> {
  const code = typeof no === 'string' ? lookupCode(no) : '';
  if (code === '') {
    throw invalid('journal-account-required', `${field} must name a ${LABELS[type].toLowerCase()}.`, { field });
  }
  if (type === 'customer' || type === 'vendor') await holdMasterKey(ctx, type, code);
  const exists =
    type === 'gl-account'
      ? await findGlAccount(ctx, code)
      : type === 'bank-account'
        ? await findBankAccount(ctx, code)
        : type === 'customer'
          ? await findCustomer(ctx, code)
          : await findVendor(ctx, code);
  if (!exists) {
    throw invalid('journal-account-not-found', `${LABELS[type]} ${code} does not exist.`, { field, accountType: type });
  }
  return code;
}
