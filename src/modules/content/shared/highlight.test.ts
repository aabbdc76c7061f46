import { describe, expect, it } from 'vitest';
import { highlightToHtml } from './highlight';

describe('highlightToHtml', () => {
  it('escapes the author’s text and marks only the matches', () => {
    expect(highlightToHtml('Try \u0002<script>\u0003alert(1)</script> & "more"')).toBe(
      'Try <mark>&lt;script&gt;</mark>alert(1)&lt;/script&gt; &amp; &quot;more&quot;',
    );
  });

  it('drops unmatched markers instead of emitting half an element', () => {
    expect(highlightToHtml('a \u0002b \u0002c\u0003 d\u0003')).toBe('a b <mark>c</mark> d');
  });

  it('leaves an author’s own <mark> escaped', () => {
    expect(highlightToHtml('<mark>fake</mark>')).toBe('&lt;mark&gt;fake&lt;/mark&gt;');
  });
});
