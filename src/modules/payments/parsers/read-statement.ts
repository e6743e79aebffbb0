// The name the importer (import.service.ts) uses for parseStatement: same function, same events.
export { parseStatement as readStatement, collectStatement } from './parse-statement.js';
export type { ParseStatementOptions, StatementParse, CollectedStatement } from './parse-statement.js';
