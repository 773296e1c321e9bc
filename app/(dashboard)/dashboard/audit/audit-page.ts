/**
 * How the audit log is paged, shared by the server's prefetch and the table: the same input makes
 * the same query key, so the table starts from the prefetched first page.
 */
export const auditPage = {
  input: { pageSize: 50 },
  options: { getNextPageParam: (last: { nextBefore: number | null }) => last.nextBefore ?? undefined },
};
