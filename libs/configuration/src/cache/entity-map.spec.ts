import { EntityMap } from './entity-map';

describe('EntityMap', () => {
  const view = (updatedAt: number) => ({ updatedAt });

  it('reports the previous and current value of each write', () => {
    const map = new EntityMap<{ updatedAt: number }>();
    expect(map.set('a', { view: view(1), extra: undefined })).toEqual({ id: 'a', previous: undefined, current: view(1) });
    expect(map.set('a', undefined)).toEqual({ id: 'a', previous: view(1), current: undefined });
    expect(map.get('a')).toBeUndefined();
  });

  it('a full replacement reports only what appeared, changed or disappeared', () => {
    const map = new EntityMap<{ updatedAt: number }>();
    map.replace(new Map([['same', { view: view(1), extra: undefined }], ['changed', { view: view(1), extra: undefined }], ['gone', { view: view(1), extra: undefined }]]));
    const changes = map.replace(
      new Map([['same', { view: view(1), extra: undefined }], ['changed', { view: view(2), extra: undefined }], ['new', { view: view(1), extra: undefined }]]),
    );
    expect(changes.map((change) => change.id).sort()).toEqual(['changed', 'gone', 'new']);
    expect(map.values()).toHaveLength(3);
  });
});
