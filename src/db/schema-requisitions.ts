/**
 * Requisition worksheets: named worksheets of purchase proposals (an item, a quantity, a vendor).
 * Carrying a worksheet out turns its lines into purchase orders. Quantities are exact decimal text.
 */
export interface RequisitionWorksheetTable {
  company_id: number;
  name: string;
  description: string;
  revision: number;
}

export interface RequisitionLineTable {
  company_id: number;
  worksheet_name: string;
  line_no: number;
  /** Only `item` for now. */
  type: string;
  no: string;
  description: string;
  quantity: string;
  vendor_no: string;
  /** YYYY-MM-DD, or blank. */
  due_date: string;
  revision: number;
}

/** Tables of the requisitions area (see migration 0009 and the requisitions module). */
export interface RequisitionsTables {
  requisition_worksheet: RequisitionWorksheetTable;
  requisition_line: RequisitionLineTable;
}
