import type { Decimal } from 'decimal.js';
import { Dec, roundedText, stored } from './decimals.ts';

/**
 * Document amounts (reference §3.6), exact: a line amount is quantity × unit price rounded
 * half-up to the currency's decimals; the document amount is the sum of the line amounts less
 * the invoice discount; the LCY amount is that amount × the exchange rate frozen on the
 * document, rounded to 2 decimals.
 */
export const LCY_DECIMALS = 2;

export interface DocumentAmounts {
  /** Sum of the line amounts. */
  readonly lineTotal: string;
  readonly amount: string;
  readonly amountLcy: string;
}

export function lineAmount(quantity: string, unitPrice: string, decimals: number): string {
  return roundedText(stored(quantity).times(stored(unitPrice)), decimals);
}

export function lineTotal(lineAmounts: readonly string[]): Decimal {
  return lineAmounts.reduce((sum, amount) => sum.plus(stored(amount)), new Dec(0));
}

export function documentAmounts(
  lineAmounts: readonly string[],
  invoiceDiscount: string,
  exchangeRate: string,
  decimals: number,
): DocumentAmounts {
  const total = lineTotal(lineAmounts);
  const amount = new Dec(roundedText(total.minus(stored(invoiceDiscount)), decimals));
  return {
    lineTotal: roundedText(total, decimals),
    amount: roundedText(amount, decimals),
    amountLcy: roundedText(amount.times(stored(exchangeRate)), LCY_DECIMALS),
  };
}
