import { expect } from 'chai';
import { feedKeys, START } from '../../../src/cli/hidden-line.js';

/** The CLI's password prompt at a terminal: nothing is shown, the keys are interpreted here. */
describe('hidden password line (bboor user password at a terminal)', () => {
  const typeAll = (...chunks: string[]) => chunks.reduce(feedKeys, START);

  it('collects the keys up to Enter, in one chunk or one key at a time', () => {
    expect(typeAll('geheim wachtwoord!\r')).to.include({ typed: 'geheim wachtwoord!', outcome: 'entered' });
    expect(typeAll(...'abc'.split(''), '\n')).to.include({ typed: 'abc', outcome: 'entered' });
  });

  it('Backspace removes the last character (also one outside the BMP), not more', () => {
    expect(typeAll('abd\u007fc\r').typed).to.equal('abc');
    expect(typeAll('x🚲\u007f\r').typed).to.equal('x');
    expect(typeAll('\u007f\u007fok\r').typed).to.equal('ok');
  });

  it('Ctrl-C and Ctrl-D abort; keys after Enter or an abort are ignored', () => {
    expect(typeAll('half\u0003rest\r').outcome).to.equal('aborted');
    expect(typeAll('\u0004').outcome).to.equal('aborted');
    expect(typeAll('done\rmore').typed).to.equal('done');
  });

  it('arrow and function keys (escape sequences) and other control keys are no part of the password', () => {
    expect(typeAll('a\u001b[Db\tc\u001bOP\u001b[15~d\r').typed).to.equal('abcd');
    // A sequence split over two chunks of input.
    expect(typeAll('a\u001b', '[', 'C', 'b\r').typed).to.equal('ab');
  });
});
