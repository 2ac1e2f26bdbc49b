// Input from the renderer is checked against the contract's zod schemas; what does not fit
// is refused with the one error shape, naming each field and what is wrong with it.
import type { z } from "zod";
import { ApiError } from "../../src-shared/api/errors.ts";

export function validate<S extends z.ZodType>(schema: S, input: unknown, name: string): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new ApiError({
    code: "Invalid",
    message: `${name}: invalid input`,
    fields: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  });
}
