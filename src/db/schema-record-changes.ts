/** Tables of the record changes area (see migration and module). */
// biome-ignore lint/suspicious/noEmptyInterface: filled as the area's tables are added
export interface RecordChangesTables {}
