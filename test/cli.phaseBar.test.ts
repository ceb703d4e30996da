import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phaseBar } from '../src/cli/phaseBar.js';

/** A stand-in terminal that records what is drawn. */
function fakeTerminal(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const t = {
    isTTY,
    columns: 100,
    text: '',
    write(s: string) {
      t.text += s;
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => t,
    removeListener: () => t,
  };
  return t as unknown as NodeJS.WriteStream & { text: string };
}

test('a phase bar is drawn on a terminal for big jobs only', async () => {
  const tty = fakeTerminal(true);
  assert.equal(await phaseBar(10_000, 9_999, tty), undefined, 'small job: no bar');
  assert.equal(await phaseBar(10_000, 50_000, fakeTerminal(false)), undefined, 'not a terminal: no bar');
  const bar = await phaseBar(10_000, 50_000, tty);
  assert.ok(bar);
  bar('validate', 25_000, 50_000);
  bar('validate', 50_000, 50_000);
  bar('write', 10, 100);
  bar.stop();
  assert.match(tty.text, /validate\s+\[/);
  assert.match(tty.text, /\d+%/);
});
