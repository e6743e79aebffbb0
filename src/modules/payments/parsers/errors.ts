// The one error a statement parser throws: the file as a whole is not something we can read
// (empty, unknown layout, a format that contradicts the one asked for). Bad rows never throw;
// they are reported as `problem` events so that every bad line of a file is listed at once.
import { AppError } from '../../../shared/errors.js';

export class StatementFormatError extends AppError {
  readonly status = 422;
  readonly code = 'statement-format';
  readonly title = 'Bankafschrift niet leesbaar';
}
