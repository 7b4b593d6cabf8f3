/** Pages of the embedded app that the order page's block links to (with the admin's `app:` scheme). */
export function recordPath(recordId: number): string {
  return `/app/history/${recordId}`;
}
