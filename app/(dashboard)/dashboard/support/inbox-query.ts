/** The inbox's first query: the page prefetches exactly what the list asks for first. */
export const firstInboxQuery = {
  tab: "all" as const,
  sort: "newest" as const,
  page: 1,
  pageSize: 25,
};
