import { describe, expect, it } from 'vitest';
import { decodeText, normaliseText } from '../../src/ingest/decode.js';
import { isPdf, sniffBinary } from '../../src/ingest/sniff.js';

const REPORT = 'IMPRESSION:\nMild loss of height of the L2 vertebral body, approximately 20%.\n';

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'be') le.swap16();
  return bom ? Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), le]) : le;
}

describe('normaliseText', () => {
  it('returns plain ASCII text unchanged (same string)', () => {
    expect(normaliseText(REPORT)).toBe(REPORT);
  });

  it('turns CRLF and lone CR into LF without merging lines', () => {
    expect(normaliseText('FINDINGS:\r\nL4-5: Disc bulge.\rL5-S1: Normal.\r\n')).toBe(
      'FINDINGS:\nL4-5: Disc bulge.\nL5-S1: Normal.\n',
    );
  });

  it('removes NUL and BOM, maps other control characters to a space and page breaks to a line break', () => {
    expect(normaliseText('\ufeffNo\0 fracture.\x07Mild\x1bstenosis.\fPage 2')).toBe(
      'No fracture. Mild stenosis.\nPage 2',
    );
  });

  it('maps no-break and other Unicode spaces to a space and drops zero-width spaces', () => {
    expect(normaliseText('4\u00a0mm at L4\u200b-5, 20\u202f% loss')).toBe('4 mm at L4-5, 20 % loss');
  });

  it('keeps line-break hyphenation and whitespace runs as written', () => {
    const text = 'moderate degen-\nerative change   with  facet\tarthropathy';
    expect(normaliseText(text)).toBe(text);
  });

  it('turns a soft hyphen before a line break into "-" and drops other soft hyphens', () => {
    expect(normaliseText('degen\u00ad\nerative spon\u00addylosis')).toBe('degen-\nerative spondylosis');
  });

  it('expands Latin ligatures common in PDF text', () => {
    expect(normaliseText('no signi\ufb01cant \ufb02attening')).toBe('no significant flattening');
  });

  it('composes to NFC (the normalised text is what offsets point into)', () => {
    const out = normaliseText('Cafe\u0301 exam, Ho\u0308rmann');
    expect(out).toBe('Caf\u00e9 exam, H\u00f6rmann');
    expect(out.length).toBe('Cafe exam, Hormann'.length);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 and strips a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Café – 4 mm\n', 'utf8')]);
    const out = decodeText(bytes);
    expect(out).toMatchObject({ text: 'Café – 4 mm\n', errors: [], encoding: 'utf-8' });
  });

  it('decodes UTF-16 LE and BE with a BOM', () => {
    const le = decodeText(utf16('Spondylosis at L3–4.\r\n', 'le'));
    expect(le).toMatchObject({ text: 'Spondylosis at L3–4.\n', errors: [], encoding: 'utf-16le' });
    const be = decodeText(utf16('Spondylosis at L3–4.\r\n', 'be'));
    expect(be).toMatchObject({ text: 'Spondylosis at L3–4.\n', errors: [], encoding: 'utf-16be' });
  });

  it('recognises mostly-ASCII UTF-16 without a BOM', () => {
    expect(decodeText(utf16(REPORT, 'le', false))).toMatchObject({ text: REPORT, encoding: 'utf-16le' });
    expect(decodeText(utf16(REPORT, 'be', false))).toMatchObject({ text: REPORT, encoding: 'utf-16be' });
  });

  it('reports a truncated UTF-16 file as decode-error but keeps the text', () => {
    const bytes = utf16('No acute fracture.', 'le');
    const out = decodeText(bytes.subarray(0, bytes.length - 1));
    expect(out.text.startsWith('No acute fracture')).toBe(true);
    expect(out.errors.map((e) => e.code)).toEqual(['decode-error']);
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    // Saved by a Windows editor: 0xE9 = é, 0x96 = en dash, 0x92 = right single quote, 0xB0 = degree sign.
    const bytes = Buffer.from([
      ...Buffer.from('Caf'),
      0xe9,
      0x20,
      0x96,
      ...Buffer.from(' patient'),
      0x92,
      ...Buffer.from('s flexion 30'),
      0xb0,
    ]);
    expect(decodeText(bytes)).toEqual({
      text: 'Café – patient\u2019s flexion 30\u00b0',
      errors: [],
      encoding: 'windows-1252',
    });
  });
});

describe('sniffBinary / isPdf', () => {
  it('names common binary formats from their magic numbers', () => {
    expect(sniffBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe(
      'PNG image',
    );
    expect(sniffBinary(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe('JPEG image');
    expect(sniffBinary(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip archive');
    expect(sniffBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toBe('ELF executable');
    const docx = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('word/document.xml'),
    ]);
    expect(sniffBinary(docx)).toBe('Word document (.docx)');
    const dicom = Buffer.concat([Buffer.alloc(128), Buffer.from('DICM')]);
    expect(sniffBinary(dicom)).toMatch(/^DICOM/);
  });

  it('flags bytes dense in control characters, but not text with a stray NUL', () => {
    const noisy = Buffer.alloc(2048);
    for (let i = 0; i < noisy.length; i++) noisy[i] = (i * 37) % 256;
    expect(sniffBinary(noisy)).toBe('binary data');
    expect(sniffBinary(Buffer.from(`${REPORT}\0${REPORT}`))).toBeNull();
    expect(sniffBinary(utf16(REPORT, 'le', false))).toBeNull();
    expect(sniffBinary(Buffer.from('{\\rtf1\\ansi Findings'))).toBe('RTF document');
  });

  it('finds the PDF header, also after a little leading junk', () => {
    expect(isPdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(isPdf(Buffer.from('\r\n\r\n%PDF-1.4\n'))).toBe(true);
    expect(isPdf(Buffer.from('MRI report: %PD'))).toBe(false);
  });
});
