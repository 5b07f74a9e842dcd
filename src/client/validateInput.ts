import { ValidationError, type ValidationIssue } from "../errors/validationError";

type Rule = [path: string, ok: boolean, message: string];

/** Throws one `ValidationError` listing every rule that failed. */
export function assertValid(what: string, rules: Rule[]): void {
  const issues: ValidationIssue[] = rules
    .filter(([, ok]) => !ok)
    .map(([path, , message]) => ({ path, message }));
  if (issues.length > 0) throw new ValidationError(what, issues);
}

export const isOptional = (value: unknown, type: "string" | "boolean" | "number") =>
  value === undefined || typeof value === type;

export const isPhoneNumber = (value: unknown) =>
  typeof value === "string" && value.length <= 64 && /\d/.test(value);

export const isPositiveSize = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) && value > 0 && value <= 10_000;

export const isObjectLike = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;
