/** Requisition worksheets: worksheets, lines, batch approval, carrying out into purchase orders. */
export * from './approval.ts';
export * from './carry-out.ts';
export * from './codes.ts';
export * from './lines.ts';
export * from './record-tables.ts';
export * from './requisitions-module.ts';
export * from './worksheets.ts';
