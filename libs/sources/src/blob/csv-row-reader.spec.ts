import { Readable } from 'node:stream';
import { delimiterOf } from './blob-csv-settings';
import { CsvRowReader } from './csv-row-reader';

describe('delimiterOf', () => {
  it.each([[undefined, ','], ['t', '\t'], ['tab', '\t'], [';;', ';'], ['|', '|']])('%s → %j', (setting, expected) => {
    expect(delimiterOf(setting)).toBe(expected);
  });
});

describe('CsvRowReader', () => {
  it('reads in pages, reports malformed rows by line and goes on', async () => {
    const text = 'id\tname\n1\tAda\n2\tBob\textra\n3\t"Cy"\n\n4\tDi\n';
    const reader = new CsvRowReader(Readable.from([text]), { delimiter: '\t', header: true });
    const first = await reader.read(2);
    expect(first.map((row) => row.record)).toEqual([{ id: '1', name: 'Ada' }, { id: '3', name: 'Cy' }]);
    expect(reader.takeMalformed()).toEqual([expect.stringMatching(/^line 3: /)]);
    expect((await reader.read(10)).map((row) => [row.record['id'], row.line])).toEqual([['4', 6]]);
    expect(reader.exhausted).toBe(true);
  });

  it('takes column names from the settings when there is no header row', async () => {
    const reader = new CsvRowReader(Readable.from(['1,Ada\n']), { delimiter: ',', header: false, columns: ['id', 'name'] });
    expect((await reader.read(5))[0].record).toEqual({ id: '1', name: 'Ada' });
  });
});
