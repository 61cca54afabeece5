/**
 * Decide from the first bytes what a file is: PDF, a known binary format (refused with a name the user can
 * act on), or text. Names lie (a .txt that is a Word file, a .pdf that is a scan saved as JPEG), bytes don't.
 */
import { bomlessUtf16 } from './decode.js';

const SAMPLE = 8192;

interface Magic {
  offset: number;
  bytes: number[];
  name: string;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

// Only signatures that cannot start a plain-text report: short ones that can ("MZ", "BM") are left to the
// control-byte ratio below.
const MAGICS: Magic[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], name: 'JPEG image' },
  { offset: 0, bytes: ascii('GIF87a'), name: 'GIF image' },
  { offset: 0, bytes: ascii('GIF89a'), name: 'GIF image' },
  { offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00], name: 'TIFF image' },
  { offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a], name: 'TIFF image' },
  { offset: 128, bytes: ascii('DICM'), name: 'DICOM file (imaging data, not a report)' },
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], name: 'ZIP archive' },
  { offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], name: 'ZIP archive' },
  {
    offset: 0,
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    name: 'legacy Office document (.doc/.xls)',
  },
  { offset: 0, bytes: ascii('{\\rtf'), name: 'RTF document' },
  { offset: 0, bytes: [0x1f, 0x8b], name: 'gzip archive' },
  { offset: 0, bytes: ascii('BZh'), name: 'bzip2 archive' },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz archive' },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: '7-Zip archive' },
  { offset: 0, bytes: ascii('Rar!\x1a\x07'), name: 'RAR archive' },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], name: 'ELF executable' },
  { offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], name: 'Mach-O executable' },
  { offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xcf], name: 'Mach-O executable' },
  { offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], name: 'Mach-O or Java class file' },
  { offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d], name: 'WebAssembly module' },
  { offset: 0, bytes: ascii('SQLite format 3\0'), name: 'SQLite database' },
];

function startsWith(b: Uint8Array, m: Magic): boolean {
  if (b.length < m.offset + m.bytes.length) return false;
  for (let i = 0; i < m.bytes.length; i++) if (b[m.offset + i] !== m.bytes[i]) return false;
  return true;
}

/** Office Open XML and OpenDocument files are ZIPs whose first entry names give them away. */
function zipKind(b: Uint8Array): string {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, SAMPLE)).toString('latin1');
  if (head.includes('word/')) return 'Word document (.docx)';
  if (head.includes('xl/')) return 'Excel workbook (.xlsx)';
  if (head.includes('ppt/')) return 'PowerPoint file (.pptx)';
  if (head.includes('application/vnd.oasis.opendocument')) return 'OpenDocument file';
  return 'ZIP archive';
}

const PDF_MAGIC = ascii('%PDF-');

/** The PDF header may follow a little junk (the spec allows it within the first 1024 bytes). */
export function isPdf(b: Uint8Array): boolean {
  const limit = Math.min(b.length, 1024) - PDF_MAGIC.length;
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < PDF_MAGIC.length; j++) if (b[i + j] !== PDF_MAGIC[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Name of the binary format when the bytes are not text, null when they look like text. Beyond the magic
 * numbers, a sample with many NULs or C0 control bytes is binary; a few stray NULs in a text export are not.
 */
export function sniffBinary(b: Uint8Array): string | null {
  for (const m of MAGICS) {
    if (startsWith(b, m)) return m.name === 'ZIP archive' ? zipKind(b) : m.name;
  }
  // UTF-16 BOMs and BOM-less UTF-16 are text even though half their bytes are NUL.
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff) || bomlessUtf16(b)) return null;
  const n = Math.min(b.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    // \t \n \v \f \r and ESC are seen in text; the rest of C0 and DEL are not.
    if ((c < 0x20 && (c < 0x09 || c > 0x0d) && c !== 0x1b) || c === 0x7f) control++;
  }
  return control > 8 && control > 0.02 * n ? 'binary data' : null;
}
