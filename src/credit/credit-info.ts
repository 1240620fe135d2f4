import { Decimal } from 'decimal.js';
import type { EngineContext } from '../engine/context.ts';
import { customerBalanceLcy } from '../ledger/queries.ts';
import { getCustomer, LCY_DECIMALS, listDocuments } from '../records/index.ts';

/**
 * A customer's credit position in local currency (reference §3.1 note on the credit-limit
 * events): what the ledger says it owes, plus the sales orders and invoices not yet posted, less
 * the credit memos and return orders not yet posted, against its credit limit.
 */
export interface CustomerCreditInfo {
  readonly customerNo: string;
  readonly customerName: string;
  /** 0 means the customer has no credit limit: it is never exceeded. */
  readonly creditLimitLcy: string;
  /** Remaining amounts of the customer's open ledger entries. */
  readonly balanceLcy: string;
  /** Unposted sales orders and invoices (any status) less unposted credit memos and return orders. */
  readonly outstandingLcy: string;
  /** Credit limit − balance − outstanding; negative when the limit is overdrawn. */
  readonly availableLcy: string;
  readonly hasCreditLimit: boolean;
  /** A limit is set and the available credit is below zero (exactly zero is still within it). */
  readonly exceeded: boolean;
}

/**
 * Unposted sales documents count towards what the customer owes: orders and invoices in any
 * status add; credit memos and return orders subtract only once Released (an Open draft must
 * not make room under the limit for an order that is then approved automatically).
 */
const ADDS = new Set(['order', 'invoice']);
const SUBTRACTS = new Set(['credit-memo', 'return-order']);

const money = (value: Decimal) => value.toDecimalPlaces(LCY_DECIMALS, Decimal.ROUND_HALF_UP).toFixed(LCY_DECIMALS);

/** The credit position of one customer; `customer-not-found` when there is no such customer. */
export async function customerCreditInfo(ctx: EngineContext, customerNo: string): Promise<CustomerCreditInfo> {
  const customer = await getCustomer(ctx, customerNo);
  const balance = new Decimal(await customerBalanceLcy(ctx, customer.no));
  let outstanding = new Decimal(0);
  for (const document of await listDocuments(ctx, { area: 'sales', partyNo: customer.no })) {
    if (ADDS.has(document.documentType)) outstanding = outstanding.plus(document.amountLcy);
    else if (SUBTRACTS.has(document.documentType) && document.status === 'Released') {
      outstanding = outstanding.minus(document.amountLcy);
    }
  }
  const limit = new Decimal(customer.creditLimitLcy || '0');
  const available = limit.minus(balance).minus(outstanding);
  const hasCreditLimit = limit.greaterThan(0);
  return {
    customerNo: customer.no,
    customerName: customer.name,
    creditLimitLcy: money(limit),
    balanceLcy: money(balance),
    outstandingLcy: money(outstanding),
    availableLcy: money(available),
    hasCreditLimit,
    exceeded: hasCreditLimit && available.isNegative() && !available.isZero(),
  };
}
