/** The demo company: the same data the product's default start seeds. */
export const DEMO_COMPANY = { code: 'DEMO', name: 'Werkstroom Demo Ltd.', timeZone: 'Europe/Amsterdam' } as const;

/** Every demo user signs in with this password; the demo is for trying things out, not for real data. */
export const DEMO_PASSWORD = 'werkstroom-demo';

/** Company roles of the demo users. */
export const DEMO_ROLES: Readonly<Record<string, readonly ('workflow-admin' | 'approval-admin' | 'user')[]>> = {
  ADMIN: ['workflow-admin', 'approval-admin', 'user'],
  SEAN: ['user'],
  ALICIA: ['user'],
  JOHN: ['user'],
  MARY: ['user'],
};

export const DEMO_USERS = [
  { id: 'ADMIN', name: 'Ada Admin', email: 'admin@demo.werkstroom.test' },
  { id: 'SEAN', name: 'Sean Chai', email: 'sean@demo.werkstroom.test' },
  { id: 'ALICIA', name: 'Alicia Thomber', email: 'alicia@demo.werkstroom.test' },
  { id: 'JOHN', name: 'John Roberts', email: 'john@demo.werkstroom.test' },
  { id: 'MARY', name: 'Mary Strong', email: 'mary@demo.werkstroom.test' },
] as const;

export const DEMO_SALESPEOPLE = [
  { code: 'JR', name: 'John Roberts' },
  { code: 'MS', name: 'Mary Strong' },
] as const;

/** In dependency order: an approver is set up before the users who name them. */
export const DEMO_APPROVAL_SETUP = [
  {
    userId: 'SEAN',
    unlimitedPurchase: true,
    unlimitedSales: true,
    unlimitedRequest: true,
    email: 'sean@demo.werkstroom.test',
  },
  {
    userId: 'ADMIN',
    unlimitedPurchase: true,
    unlimitedSales: true,
    approvalAdministrator: true,
    email: 'admin@demo.werkstroom.test',
  },
  {
    userId: 'MARY',
    approverId: 'SEAN',
    purchaseLimit: '5000',
    salesLimit: '5000',
    salespersonCode: 'MS',
    email: 'mary@demo.werkstroom.test',
  },
  {
    userId: 'JOHN',
    approverId: 'MARY',
    purchaseLimit: '500',
    salesLimit: '500',
    salespersonCode: 'JR',
    email: 'john@demo.werkstroom.test',
  },
  { userId: 'ALICIA', approverId: 'SEAN', email: 'alicia@demo.werkstroom.test' },
] as const;

export const DEMO_GROUP = {
  code: 'FINANCE',
  description: 'Finance team',
  parallelPolicy: 'any',
  members: [
    { userId: 'MARY', sequence: 1 },
    { userId: 'SEAN', sequence: 1 },
    { userId: 'ADMIN', sequence: 2 },
  ],
} as const;

export const DEMO_VENDORS = [
  { no: 'V10000', name: 'Fabrikam Office Supplies', purchaserCode: 'JR' },
  { no: 'V20000', name: 'Northwind Furniture', purchaserCode: 'MS' },
] as const;

export const DEMO_CUSTOMERS = [
  { no: 'C10000', name: 'Contoso Retail', salespersonCode: 'JR', creditLimitLcy: '10000' },
  { no: 'C20000', name: 'Adatum Consulting', salespersonCode: 'MS', creditLimitLcy: '25000' },
] as const;

export const DEMO_ITEMS = [
  { no: '1000', description: 'Office chair', unitPrice: '149.00' },
  { no: '1001', description: 'Standing desk', unitPrice: '399.00' },
  { no: '1002', description: 'Monitor arm', unitPrice: '89.50' },
] as const;

/** Workflows copied from templates and enabled in the demo company. */
export const DEMO_WORKFLOWS = ['WS-POAPW', 'WS-SOAPW', 'WS-CUSTAPW', 'WS-OVERDUE'] as const;

/** A small chart of accounts, one bank account and the posting setup, so documents can be posted. */
export const DEMO_GL_ACCOUNTS = [
  { no: '1100', name: 'Bank' },
  { no: '1300', name: 'Accounts receivable' },
  { no: '2100', name: 'Accounts payable' },
  { no: '4000', name: 'Sales of goods' },
  { no: '5000', name: 'Purchases of goods' },
  { no: '6100', name: 'Office expenses' },
] as const;
export const DEMO_BANK_ACCOUNTS = [{ no: 'BANK1', name: 'Current account', glAccountNo: '1100' }] as const;
export const DEMO_POSTING_SETUP = {
  receivablesAccount: '1300',
  payablesAccount: '2100',
  salesAccount: '4000',
  purchaseAccount: '5000',
} as const;

/** A general journal and a payment journal balanced by the current account. */
export const DEMO_JOURNAL_TEMPLATES = [
  { name: 'GENERAL', description: 'General journal', type: 'general' },
  { name: 'PAYMENT', description: 'Payment journal', type: 'payments' },
] as const;
export const DEMO_JOURNAL_BATCHES = [
  { templateName: 'GENERAL', name: 'DEFAULT', description: 'Default batch' },
  {
    templateName: 'PAYMENT',
    name: 'BANK',
    description: 'Payments from the current account',
    balAccountType: 'bank-account',
    balAccountNo: 'BANK1',
  },
] as const;
