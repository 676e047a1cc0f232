import { AppError } from '../../src/domain/errors.js';

/**
 * What a use case answered, as a short code for table tests: 'OK', or the refusal's code — the first
 * detail's (the field-level reason, e.g. NOT_MANAGED) unless `top` asks for the error's own code.
 * Anything that is not an AppError is a bug and is thrown on.
 */
export async function codeOf(p: Promise<unknown>, top = false): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (e instanceof AppError) return top ? e.code : e.details[0]?.code ?? e.code;
    throw e;
  }
}
