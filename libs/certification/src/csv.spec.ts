import { csvCell, toCsv } from './csv.js';

describe('CSV export cells (CERT_AUDIT)', () => {
  it('CERT_AUDIT: neutralises a cell that starts with =, +, - or @ with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
  });

  it('CERT_AUDIT: quotes fields with commas, quotes or line breaks as RFC 4180 says, and leaves plain ones bare', () => {
    expect(csvCell('Rivera, Sam')).toBe('"Rivera, Sam"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('CERT_AUDIT: writes a header row and one CRLF-ended row per record', () => {
    const sut = toCsv(
      [{ header: 'name', value: (row: { name: string }) => row.name }],
      [{ name: 'a' }, { name: 'b,c' }],
    );
    expect(sut).toBe('name\r\na\r\n"b,c"\r\n');
  });
});
