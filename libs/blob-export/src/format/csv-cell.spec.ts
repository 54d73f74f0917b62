import { csvCell } from './csv-cell';

describe('csvCell', () => {
  it('joins arrays, URL-encodes maps, leaves null empty', () => {
    expect(csvCell(['a', 1, true], ';')).toBe('a;1;true');
    expect(csvCell({ city: 'São Paulo', n: 2 }, ',')).toBe('city=S%C3%A3o+Paulo&n=2');
    expect(csvCell(null, ',')).toBe('');
    expect(csvCell(undefined, ',')).toBe('');
    expect(csvCell(12.5, ',')).toBe('12.5');
    expect(csvCell([{ a: 1 }], ',')).toBe('{"a":1}');
  });
});
