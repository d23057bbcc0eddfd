import * as assert from 'node:assert/strict';
import { contrastOf } from '../../ui/support/contrast';

// The UI tests' contrast check, on colours whose WCAG ratio is known.
describe("contrastOf (the UI tests' contrast check)", () => {
  it('gives 21:1 for black on white and 1:1 for a colour on itself', () => {
    assert.equal(contrastOf({ color: 'rgb(0, 0, 0)', opacity: 1, backgrounds: ['rgb(255, 255, 255)'] }).ratio, 21);
    assert.equal(contrastOf({ color: 'rgb(30, 30, 30)', opacity: 1, backgrounds: ['rgb(30, 30, 30)'] }).ratio, 1);
  });

  it('looks through transparent backgrounds to the first opaque one', () => {
    const contrast = contrastOf({
      color: 'rgb(255, 255, 255)',
      opacity: 1,
      backgrounds: ['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgb(0, 0, 0)', 'rgb(255, 255, 255)'],
    });
    assert.equal(contrast.background, 'rgb(0, 0, 0)');
    assert.equal(contrast.ratio, 21);
  });

  it('fades the text by its opacity and blends translucent layers, as the eye sees them', () => {
    const faded = contrastOf({ color: 'rgb(0, 0, 0)', opacity: 0.5, backgrounds: ['rgb(255, 255, 255)'] });
    assert.equal(faded.text, 'rgb(128, 128, 128)');
    assert.ok(faded.ratio > 3.9 && faded.ratio < 4.0, `mid grey on white is about 3.95:1, not ${faded.ratio}`);
    const tinted = contrastOf({ color: 'color(srgb 1 1 1)', opacity: 1, backgrounds: ['rgba(255, 255, 255, 0.5)', 'rgb(0, 0, 0)'] });
    assert.equal(tinted.background, 'rgb(128, 128, 128)');
  });
});
