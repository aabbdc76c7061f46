import './zod-messages';
import type { z } from 'zod';
import { type FieldError, validationFailed } from './errors';

/** Zod issues as the problem document's field errors ("requirements.questions.0.id"). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(input)', message: issue.message }));
}

/**
 * Parses a use case's input with its schema: 400 VALIDATION_FAILED naming every bad
 * field, exactly as the HTTP edge answers. Routes validate with the same schemas before
 * a use case runs; callers that do not come through HTTP (CLI, import, jobs) parse here.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationFailed('The input is not valid', fieldErrors(result.error));
}
