// Objects as code may meet them: a stored object has every required field, but a template,
// a test's fixture or a half-written wizard step may not. Loose<T> keeps every field name
// and type of T (a typo still does not compile) and makes each one optional, however deep.
export type Loose<T> = T extends (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;

/** A JSON merge patch of T (RFC 7386): a Loose<T> whose fields may also be null, which removes them. */
export type MergePatch<T> = T extends (infer U)[] ? MergePatch<U>[] : T extends object ? { [K in keyof T]?: MergePatch<T[K]> | null } : T;
