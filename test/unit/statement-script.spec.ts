import { expect } from 'chai';
import fc from 'fast-check';
import { scriptOf } from '../../src/shared/statement-script.js';

/** statement-script.ts: values written into a script as literals, the only way each database reads them. */
describe('statement scripts: values as literals', () => {
  it('SQLite: text in single quotes with each quote doubled; numbers, booleans and null bare', () => {
    const script = scriptOf('sqlite', [
      { sql: 'INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?)', bindings: ["O'Brien ?", 42, true, null] },
      { sql: 'PRAGMA defer_foreign_keys = ON', bindings: [] },
    ]);
    expect(script).to.equal("INSERT INTO t (a, b, c, d) VALUES ('O''Brien ?', 42, TRUE, NULL);\nPRAGMA defer_foreign_keys = ON;");
  });

  it('PostgreSQL: text dollar-quoted with a tag that is not in the text', () => {
    const script = scriptOf('postgres', [{ sql: 'SELECT ?::json', bindings: ['[{"a":"$q$ \\\\ \'"}]'] }])!;
    const m = /^SELECT (\$q[0-9a-f]{12}\$)(.*)\1::json;$/s.exec(script);
    expect(m, script).to.not.equal(null);
    expect(m![2]).to.equal('[{"a":"$q$ \\\\ \'"}]');
  });

  it('a `?` inside a value is text, not a placeholder', () => {
    expect(scriptOf('sqlite', [{ sql: 'SELECT ?, ?', bindings: ['?', 'x'] }])).to.equal("SELECT '?', 'x';");
  });

  it('gives up (null: bind the values instead) on a NUL character, a non-integer number, or a count mismatch', () => {
    expect(scriptOf('sqlite', [{ sql: 'SELECT ?', bindings: ['a\u0000b'] }])).to.equal(null);
    expect(scriptOf('postgres', [{ sql: 'SELECT ?', bindings: [1.5] }])).to.equal(null);
    expect(scriptOf('sqlite', [{ sql: 'SELECT ?, ?', bindings: ['one'] }])).to.equal(null);
  });

  it('property: PostgreSQL literals read back by its own rule (a dollar quote ends at the first closing tag) are the texts, whatever they hold', () => {
    const awkward = fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('$q', '$q$', '$$', "'", '?', ';\n'));
    fc.assert(
      fc.property(fc.array(awkward.filter((s) => !s.includes('\u0000')), { minLength: 1, maxLength: 4 }), (texts) => {
        const script = scriptOf('postgres', [{ sql: `SELECT ${texts.map(() => '?').join(', ')}`, bindings: texts }])!;
        const tag = /^SELECT (\$q[0-9a-f]{12}\$)/.exec(script)![1]!;
        let at = 'SELECT '.length;
        const read: string[] = [];
        for (let i = 0; i < texts.length; i++) {
          at += i === 0 ? 0 : ', '.length;
          const end = script.indexOf(tag, at + tag.length);
          read.push(script.slice(at + tag.length, end));
          at = end + tag.length;
        }
        return JSON.stringify(read) === JSON.stringify(texts) && script.slice(at) === ';';
      }),
    );
  });

  it('property: a SQLite literal read back by its own rule (a doubled quote is one quote) is the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')), (text) => {
        const script = scriptOf('sqlite', [{ sql: 'SELECT ?', bindings: [text] }])!;
        const literal = script.slice('SELECT '.length, -1);
        return literal.startsWith("'") && literal.endsWith("'") && !/(^|[^'])'([^']|$)/.test(literal.slice(1, -1).replace(/''/g, '')) && literal.slice(1, -1).replace(/''/g, "'") === text;
      }),
    );
  });
});
