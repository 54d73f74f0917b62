import { entityPath, parseEntityAddress } from './entity-address';

describe('parseEntityAddress', () => {
  it.each([
    ['$cbs', { kind: 'cbs' }],
    ['$management', { kind: 'management' }],
    ['audiences/$management', { kind: 'management' }],
    ['audiences', { kind: 'hub', hub: 'audiences' }],
    ['audiences/Partitions/3', { kind: 'partition', hub: 'audiences', partitionId: '3' }],
    ['amqps://ns.servicebus.windows.net/audiences/Partitions/3', { kind: 'partition', hub: 'audiences', partitionId: '3' }],
    ['audiences/ConsumerGroups/$Default/Partitions/0', { kind: 'consumer', hub: 'audiences', consumerGroup: '$Default', partitionId: '0' }],
  ])('parses %s', (address, expected) => {
    expect(parseEntityAddress(address)).toEqual(expected);
  });

  it.each([undefined, '', 'a/b', 'audiences/ConsumerGroups/$Default'])('does not recognise %j', (address) => {
    expect(parseEntityAddress(address)).toBeUndefined();
  });

  it('gives the path a token must cover', () => {
    expect(entityPath({ kind: 'consumer', hub: 'Audiences', consumerGroup: '$Default', partitionId: '1' })).toBe(
      'audiences/consumergroups/$default/partitions/1',
    );
  });
});
