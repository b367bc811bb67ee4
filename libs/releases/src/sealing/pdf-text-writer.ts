import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';

const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4, 2 cm margins
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.35, 0.35, 0.4);

// DejaVu covers Latin, Greek and Cyrillic, so a signer's name is printed as typed, accents included
// (the PDF standard fonts only know Windows-1252). Only the glyphs used are embedded (subset).
const fontsDir = createRequire(import.meta.url)
  .resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
  .replace(/DejaVuSans\.ttf$/, '');
let fontFiles: { regular: Uint8Array; bold: Uint8Array; mono: Uint8Array } | undefined;

export type TextStyle = 'title' | 'heading' | 'body' | 'small' | 'mono';

/** Writes flowing text top to bottom, wrapping lines and starting new pages as needed. */
export class PdfTextWriter {
  private page!: PDFPage;
  private y = 0;

  private constructor(
    readonly document: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont; mono: PDFFont },
  ) {
    this.newPage();
  }

  static async create(title: string): Promise<PdfTextWriter> {
    fontFiles ??= {
      regular: readFileSync(`${fontsDir}DejaVuSans.ttf`),
      bold: readFileSync(`${fontsDir}DejaVuSans-Bold.ttf`),
      mono: readFileSync(`${fontsDir}DejaVuSansMono.ttf`),
    };
    const document = await PDFDocument.create();
    document.registerFontkit(fontkit);
    document.setTitle(title);
    document.setCreator('Haven');
    document.setProducer('Haven (pdf-lib)');
    const [regular, bold, mono] = await Promise.all([
      document.embedFont(fontFiles.regular, { subset: true }),
      document.embedFont(fontFiles.bold, { subset: true }),
      document.embedFont(fontFiles.mono, { subset: true }),
    ]);
    return new PdfTextWriter(document, { regular, bold, mono });
  }

  /** One paragraph per line of `text`; blank lines are kept as space. */
  write(text: string, style: TextStyle = 'body'): void {
    const { font, size, color, before } = this.styleOf(style);
    this.y -= before;
    for (const paragraph of printable(text).split('\n')) {
      const lines = paragraph.trim() === '' ? [''] : wrap(paragraph, font, size, PAGE.width - 2 * PAGE.margin);
      for (const line of lines) {
        if (this.y - size < PAGE.margin) this.newPage();
        this.y -= size * 1.35;
        this.page.drawText(line, { x: PAGE.margin, y: this.y, size, font, color });
      }
    }
  }

  /** A `label: value` line, wrapped as body text. */
  field(label: string, value: string): void {
    this.write(`${label}: ${value}`, 'body');
  }

  private styleOf(style: TextStyle): { font: PDFFont; size: number; color: typeof INK; before: number } {
    switch (style) {
      case 'title':
        return { font: this.fonts.bold, size: 16, color: INK, before: 0 };
      case 'heading':
        return { font: this.fonts.bold, size: 12, color: INK, before: 14 };
      case 'small':
        return { font: this.fonts.regular, size: 8.5, color: MUTED, before: 2 };
      case 'mono':
        return { font: this.fonts.mono, size: 7.5, color: INK, before: 2 };
      default:
        return { font: this.fonts.regular, size: 10, color: INK, before: 2 };
    }
  }

  private newPage(): void {
    this.page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
}

/** Tabs become spaces; other control and format characters (which fonts cannot draw) are dropped. */
function printable(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(/[^\P{Cc}\n]|\p{Cf}/gu, '');
}

/** Greedy word wrap; a word longer than the line (a base64 seal, say) is broken by characters. */
function wrap(paragraph: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (text: string) => font.widthOfTextAtSize(text, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(/(?<= )/)) {
    if (fits(line + word)) {
      line += word;
      continue;
    }
    if (line) lines.push(line.trimEnd());
    line = '';
    for (const char of word) {
      if (!fits(line + char)) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}
