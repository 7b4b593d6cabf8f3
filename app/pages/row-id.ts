/** A row id from the URL: a positive integer of at most 16 digits, or null (the page answers 404). */
export function parseRowId(id: string | undefined): number | null {
  return /^[1-9][0-9]{0,15}$/.test(id ?? "") ? Number(id) : null;
}
