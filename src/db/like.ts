/** A LIKE/ILIKE pattern matching `text` anywhere, with %, _ and \ in it taken literally. */
export const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
