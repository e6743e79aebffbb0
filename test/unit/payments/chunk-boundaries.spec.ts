// A stream may cut a file anywhere: inside a UTF-8 "à", between Rabobank's CR CR and LF, in the
// middle of an XML tag. Every sample and fixture must give the same events in 1- to 7-byte
// chunks as in one piece.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { FIXTURES_DIR, SAMPLES_DIR, parseBytes } from './statement-helpers.js';

const readable = (dir: string) =>
  fs.readdirSync(dir).filter((f) => /\.(xml|940|swi|csv)$/.test(f) && fs.statSync(path.join(dir, f)).size > 0).map((f) => path.join(dir, f));

describe('statement parsers: chunk boundaries', () => {
  for (const file of [...readable(SAMPLES_DIR), ...readable(FIXTURES_DIR)]) {
    it(`gives the same result for ${path.basename(file)} in tiny chunks as in one piece`, async () => {
      const bytes = fs.readFileSync(file);
      const whole = await parseBytes(bytes, {}, bytes.length);
      // 7-byte chunks everywhere; 1-byte chunks for the small files (the big camt would be slow).
      for (const size of bytes.length < 20_000 ? [1, 7] : [7]) {
        expect(await parseBytes(bytes, {}, size), `${size}-byte chunks`).to.deep.equal(whole);
      }
    });
  }
});
