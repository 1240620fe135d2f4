/**
 * Field types of record tables. Values travel as JSON-friendly primitives so that they survive
 * storage and export unchanged: decimals as exact decimal strings, dates as `YYYY-MM-DD`,
 * date-times as ISO-8601 strings in UTC.
 */
export const FIELD_TYPES = ['text', 'code', 'option', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export type FieldValue = string | number | boolean | null;

export interface FieldDefinition {
  readonly name: string;
  readonly type: FieldType;
  readonly caption?: string;
  /** Allowed values of an `option` field, in their stored spelling. */
  readonly options?: readonly string[];
}

/** The data of one record, by field name. */
export type RecordData = Readonly<Record<string, FieldValue | undefined>>;
