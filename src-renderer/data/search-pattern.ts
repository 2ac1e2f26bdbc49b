// What a search box finds, the same everywhere: the log viewer's search and a list's filter.

/** What a search for `query` finds: its text in any case (Unicode's case folding), its special characters as themselves. */
export const searchPattern = (query: string, flags = "iu") => new RegExp(query.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"), flags);
