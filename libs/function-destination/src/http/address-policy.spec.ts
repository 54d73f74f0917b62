import { AddressPolicy } from './address-policy';

describe('AddressPolicy', () => {
  const closed = new AddressPolicy();

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1'])('allows the public address %s', (address) => {
    expect(closed.check(address)).toEqual({ ok: true });
  });

  it.each([
    '127.0.0.1', '127.8.9.10', '::1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '100.64.0.1', 'fd12::1', '169.254.1.1', 'fe80::1',
    '169.254.169.254', 'fd00:ec2::254', '0.0.0.0', '224.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]',
  ])('refuses %s by default', (address) => {
    expect(closed.check(address).ok).toBe(false);
  });

  it('opens groups and ranges named in the allow list', () => {
    const policy = new AddressPolicy(['loopback', '10.1.0.0/16']);
    expect(policy.check('127.0.0.1').ok).toBe(true);
    expect(policy.check('::1').ok).toBe(true);
    expect(policy.check('10.1.200.3').ok).toBe(true);
    expect(policy.check('10.2.0.1').ok).toBe(false);
    expect(new AddressPolicy(['127.0.0.1/32']).check('127.0.0.2').ok).toBe(false);
  });

  it('opens a metadata address only when named exactly', () => {
    expect(new AddressPolicy(['link-local']).check('169.254.169.254').ok).toBe(false);
    expect(new AddressPolicy(['link-local']).check('169.254.3.4').ok).toBe(true);
    expect(new AddressPolicy(['169.254.169.254']).check('169.254.169.254').ok).toBe(true);
  });

  it('refuses a malformed allow list entry', () => {
    expect(() => new AddressPolicy(['intranet'])).toThrow(/keyword/);
    expect(() => AddressPolicy.fromSetting('10.0.0.0/40')).toThrow(/prefix/);
    expect(AddressPolicy.fromSetting('').check('127.0.0.1').ok).toBe(false);
  });
});
