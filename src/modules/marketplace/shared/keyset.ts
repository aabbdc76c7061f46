/** The cursor values of a row of a newest-first page (shared/repository.ts newestFirst). */
export const newestCursor = (row: { cursorKey: string; id: string }) => [row.cursorKey, row.id];
