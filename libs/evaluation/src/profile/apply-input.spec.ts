import { AudienceIndex } from '../audiences/audience-index';
import { compileAudience } from '../audiences/compiled-audience';
import { audienceDefinition } from '../testing/in-memory-audience-catalog';
import { behavioralEvent, profileChange } from '../testing/profile-inputs';
import { applyInput } from './apply-input';
import { pathsOverlap } from './attribute-paths';
import { emptyProfile } from './profile-state';

const index = new AudienceIndex([
  compileAudience(audienceDefinition({ id: 'city', rule: { attribute: 'address.city', operator: 'equals', value: 'Oslo' } })),
  compileAudience(audienceDefinition({ id: 'age', rule: { attribute: 'age', operator: 'exists' }, projectedVariables: ['email'] })),
  compileAudience(audienceDefinition({ id: 'buyers', rule: { event: 'purchase' } })),
]);
const ids = (applied: ReturnType<typeof applyInput>) =>
  applied.kind === 'changed' ? [...applied.affected].map((a) => a.id).sort() : applied.kind;

describe('applyInput', () => {
  it('sets and unsets dot paths and routes the change to the audiences reading or projecting them', () => {
    const state = emptyProfile('p');
    expect(ids(applyInput(state, profileChange('p', { set: { 'address.city': 'Oslo', nickname: 'n' } }, 1), index))).toEqual(['city']);
    expect(state.attributes).toEqual({ address: { city: 'Oslo' }, nickname: 'n' });
    expect(ids(applyInput(state, profileChange('p', { set: { address: { zip: '1' } } }, 2), index))).toEqual(['city']);
    expect(ids(applyInput(state, profileChange('p', { set: { email: 'e' }, unset: ['address'] }, 3), index))).toEqual(['age', 'city']);
    expect(state.attributes).toEqual({ nickname: 'n', email: 'e' });
    expect(state.version).toBe(3);
  });

  it('routes a change to no audience when every value it sets or unsets is already so', () => {
    const state = emptyProfile('p');
    applyInput(state, profileChange('p', { set: { age: 3, address: { city: 'Oslo', zip: '1' } } }, 1), index);
    expect(ids(applyInput(state, profileChange('p', { set: { age: 3, address: { zip: '1', city: 'Oslo' } }, unset: ['email'] }, 2), index))).toEqual([]);
    expect(ids(applyInput(state, profileChange('p', { set: { age: 3, 'address.city': 'Bergen' } }, 3), index))).toEqual(['city']);
    expect(ids(applyInput(state, profileChange('p', { set: { age: 4 } }, 4), index))).toEqual(['age']);
    expect(state).toMatchObject({ version: 4, dirty: true, attributes: { age: 4, address: { city: 'Bergen', zip: '1' } } });
  });

  it('routes events by name and keeps them for insertion', () => {
    const state = emptyProfile('p');
    expect(ids(applyInput(state, behavioralEvent('p', 'purchase', 5), index))).toEqual(['buyers']);
    expect(ids(applyInput(state, behavioralEvent('p', 'page_view', 6), index))).toEqual([]);
    expect(state.events.map((e) => e.name)).toEqual(['purchase', 'page_view']);
    expect(state.newEvents).toHaveLength(2);
  });

  it('empties a deleted profile, and any later input starts it again', () => {
    const state = emptyProfile('p');
    applyInput(state, profileChange('p', { set: { age: 3 }, identifiers: { '42': ['p'] } }, 1), index);
    expect(applyInput(state, profileChange('p', { deleted: true }, 2), index)).toEqual({ kind: 'deleted' });
    expect(state).toMatchObject({ deleted: true, attributes: {}, identifiers: {}, events: [], eventsCleared: true });
    applyInput(state, profileChange('p', { set: { age: 4 } }, 3), index);
    expect(state).toMatchObject({ deleted: false, attributes: { age: 4 } });
  });

  it('treats nested paths as overlapping in both directions, but not mere prefixes of a name', () => {
    expect(pathsOverlap('address', 'address.city')).toBe(true);
    expect(pathsOverlap('address.city.zip', 'address.city')).toBe(true);
    expect(pathsOverlap('address.c', 'address.city')).toBe(false);
    expect(pathsOverlap('age', 'ages')).toBe(false);
  });
});
