/**
 * A line typed at a terminal without showing it (a password prompt). The terminal is put in raw
 * mode, so it echoes nothing and hands over every key: this decides what each key does.
 */
export interface HiddenLineState {
  typed: string;
  outcome: 'typing' | 'entered' | 'aborted';
  /** Inside an escape sequence (an arrow or function key): after ESC, or inside `ESC [` / `ESC O`. */
  escape: 'none' | 'started' | 'sequence';
}

export const START: HiddenLineState = { typed: '', outcome: 'typing', escape: 'none' };

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
const ABORT = new Set(['\u0003', '\u0004']); // Ctrl-C, Ctrl-D

/** The state after the keys of one chunk of terminal input; keys after Enter or an abort are ignored. */
export function feedKeys(state: HiddenLineState, keys: string): HiddenLineState {
  let { typed, outcome, escape } = state;
  for (const key of keys) {
    if (outcome !== 'typing') break;
    // Arrow and function keys arrive as ESC [ … final byte (or ESC O x): no part of a password.
    if (escape === 'started') escape = key === '[' || key === 'O' ? 'sequence' : 'none';
    else if (escape === 'sequence') escape = key >= '@' && key <= '~' ? 'none' : 'sequence';
    else if (key === '\u001b') escape = 'started';
    else if (ENTER.has(key)) outcome = 'entered';
    else if (ABORT.has(key)) outcome = 'aborted';
    else if (BACKSPACE.has(key)) typed = [...typed].slice(0, -1).join('');
    else if (key >= ' ') typed += key; // other control keys are no part of a password either
  }
  return { typed, outcome, escape };
}

/**
 * Shows `prompt` and reads one hidden line from a terminal; null when the user aborted (Ctrl-C,
 * Ctrl-D). The echo is off before the prompt appears: keys typed right after it are not shown either.
 */
export async function readHiddenLine(input: NodeJS.ReadStream, output: NodeJS.WritableStream, prompt: string): Promise<string | null> {
  input.setRawMode(true);
  output.write(prompt);
  let state = START;
  try {
    for await (const chunk of input) {
      state = feedKeys(state, String(chunk));
      if (state.outcome !== 'typing') break;
    }
  } finally {
    input.setRawMode(false);
    output.write('\n'); // the Enter the terminal did not echo
  }
  return state.outcome === 'entered' ? state.typed : null;
}
