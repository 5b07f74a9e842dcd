import { CallingError } from "./callingError";

/**
 * One problem found in caller-supplied input.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { path: "width", message: "expected a positive number of pixels" };
 * ```
 */
export interface ValidationIssue {
  /** Where the problem is, e.g. `"width"` or `"properties.hs_timestamp"`. */
  path: string;
  /** What is wrong, e.g. `"must be a positive integer"`. */
  message: string;
}

/**
 * Input given to this library was refused before anything was sent.
 *
 * @example
 * ```ts
 * await settings.create({ name: "", url: "ftp://x" }).catch((error) => {
 *   if (error instanceof ValidationError) console.table(error.issues);
 * });
 * ```
 */
export class ValidationError extends CallingError<"INVALID_INPUT"> {
  /** Every problem found, not only the first. */
  declare readonly issues: readonly ValidationIssue[];

  /** @internal */
  constructor(what: string, issues: readonly ValidationIssue[]) {
    super(
      "INVALID_INPUT",
      `Invalid ${what}: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`,
    );
    this.name = "ValidationError";
    this.issues = issues;
  }
}
