import type { EngineContext } from '../engine/context.ts';
import { invalid } from '../shared/errors.ts';
import { findCustomer } from './customers.ts';
import type { DocumentArea } from './document-types.ts';
import { holdMasterKey } from './key-locks.ts';
import { findVendor } from './vendors.ts';

/** The vendor of a purchase document or the customer of a sales document, as a document needs it. */
export interface DocumentParty {
  readonly no: string;
  readonly name: string;
  /** The purchaser (vendor) or salesperson (customer) code. */
  readonly salespersonCode: string;
  readonly currencyCode: string;
}

/** The party by number: it must exist (`vendor-unknown` / `customer-unknown`) and not be blocked. */
export async function documentParty(
  ctx: EngineContext,
  area: DocumentArea,
  partyNo: unknown,
  field = 'partyNo',
): Promise<DocumentParty> {
  const no = typeof partyNo === 'string' ? partyNo.trim().toUpperCase() : '';
  const kind = area === 'purchase' ? 'vendor' : 'customer';
  const label = area === 'purchase' ? 'Vendor' : 'Customer';
  if (no === '') throw invalid(`${kind}-required`, `A ${kind} number is required.`, { field });
  await holdMasterKey(ctx, kind, no);
  if (area === 'purchase') {
    const vendor = await findVendor(ctx, no);
    if (!vendor) throw invalid('vendor-unknown', `Vendor ${no} does not exist.`, { field });
    if (vendor.blocked) throw invalid('vendor-blocked', `${label} ${no} is blocked.`, { field });
    return { no, name: vendor.name, salespersonCode: vendor.purchaserCode, currencyCode: vendor.currencyCode };
  }
  const customer = await findCustomer(ctx, no);
  if (!customer) throw invalid('customer-unknown', `Customer ${no} does not exist.`, { field });
  if (customer.blocked) throw invalid('customer-blocked', `${label} ${no} is blocked.`, { field });
  return { no, name: customer.name, salespersonCode: customer.salespersonCode, currencyCode: customer.currencyCode };
}
