/** Prisma's code for a unique constraint that refused a row: the same thing already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
