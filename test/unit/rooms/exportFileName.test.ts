import * as assert from 'node:assert/strict';
import { EXPORT_NAME_MAX_CHARS, exportFileName } from '../../../src/rooms/roomFile';

describe('export file name (safe on Windows, macOS and Linux)', () => {
  it('keeps an ordinary id and names several rooms "rooms.json"', () => {
    assert.equal(exportFileName(['weekly-standup']), 'weekly-standup.json');
    assert.equal(exportFileName(['a', 'b']), 'rooms.json');
  });

  it('replaces reserved characters and control characters', () => {
    assert.equal(exportFileName(['a<b>c:d"e/f\\g|h?i*j']), 'a_b_c_d_e_f_g_h_i_j.json');
    assert.equal(exportFileName(['tab\there\u0000nul\u001bend']), 'tab_here_nul_end.json');
  });

  it('never proposes a Windows device name, with or without an extension', () => {
    for (const id of ['CON', 'prn', 'Aux', 'NUL', 'COM1', 'com9', 'LPT1', 'lpt3', 'con.txt', 'NUL .x']) {
      const name = exportFileName([id]);
      assert.match(name, /^room-/, `${id} → ${name}`);
    }
    assert.equal(exportFileName(['console']), 'console.json');
  });

  it('cuts long ids, drops trailing dots and spaces, and falls back for empty names', () => {
    const name = exportFileName(['x'.repeat(10_000)]);
    assert.equal(name.length, EXPORT_NAME_MAX_CHARS + '.json'.length);
    assert.equal(exportFileName(['name. . ']), 'name.json');
    assert.equal(exportFileName(['...']), 'room.json');
    assert.equal(exportFileName(['///']), 'room.json');
  });
});
