import { expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
  expect(csvCell('plain')).toBe('plain');
  expect(csvCell('a,b')).toBe('"a,b"');
  expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  expect(csvCell('two\nlines')).toBe('"two\nlines"');
  expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
});

it('writes numbers as they are (negative ones too) and empties for null, undefined and NaN', () => {
  expect(csvCell(-0.00012345)).toBe('-0.00012345');
  expect(csvCell(90012.5)).toBe('90012.5');
  expect(csvCell(null)).toBe('');
  expect(csvCell(undefined)).toBe('');
  expect(csvCell(Number.NaN)).toBe('');
  expect(csvCell(true)).toBe('true');
});

it('defuses text a spreadsheet would run as a formula', () => {
  expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  expect(csvCell('+1')).toBe("'+1");
  expect(csvCell('-cmd')).toBe("'-cmd");
  expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
});

it('joins a header and rows with CRLF and ends with one', () => {
  expect(
    toCsv(
      ['a', 'b'],
      [
        [1, 'x,y'],
        [null, 'z'],
      ],
    ),
  ).toBe('a,b\r\n1,"x,y"\r\n,z\r\n');
  expect(toCsv(['only'], [])).toBe('only\r\n');
});
