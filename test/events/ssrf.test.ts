import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { addressRefusal, checkUrlShape, resolveTarget, UrlNotAllowed } from '../../src/modules/events';

const strict = { allowLoopback: false };
const dev = { allowLoopback: true };
/** A resolver answering fixed addresses: the DNS answers an attacker controls. */
const answering = (...addresses: string[]) => (async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))) as never;

describe('webhook URL safety (SSRF)', () => {
  it('refuses loopback, private, link-local, metadata and reserved addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '::ffff:127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      'fd00:ec2::254',
      'fe80::1',
      '0.0.0.0',
      '100.64.0.1',
      '224.0.0.1',
    ]) {
      expect(addressRefusal(address, strict), address).toBeDefined();
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8']) expect(addressRefusal(address, strict), address).toBeUndefined();
    // the development switch lets loopback through, and nothing else
    expect(addressRefusal('127.0.0.1', dev)).toBeUndefined();
    expect(addressRefusal('::1', dev)).toBeUndefined();
    expect(addressRefusal('10.0.0.1', dev)).toBeDefined();
    expect(addressRefusal('169.254.169.254', dev)).toBeDefined();
  });

  it('wants https, and http only to loopback when loopback is allowed', () => {
    expect(checkUrlShape('https://hooks.example.com/in', strict).hostname).toBe('hooks.example.com');
    expect(() => checkUrlShape('http://hooks.example.com/in', strict)).toThrow(UrlNotAllowed);
    expect(() => checkUrlShape('http://hooks.example.com/in', dev)).toThrow(UrlNotAllowed);
    expect(checkUrlShape('http://127.0.0.1:8080/in', dev).port).toBe('8080');
    expect(checkUrlShape('http://localhost:8080/in', dev).port).toBe('8080');
    expect(() => checkUrlShape('https://localhost/in', strict)).toThrow(/loopback/);
    expect(() => checkUrlShape('https://[::1]/in', strict)).toThrow(/loopback/);
    expect(() => checkUrlShape('https://169.254.169.254/latest/meta-data', strict)).toThrow(/link-local/);
    expect(() => checkUrlShape('https://user:pw@hooks.example.com/', strict)).toThrow(/credentials/);
    expect(() => checkUrlShape('ftp://hooks.example.com/', strict)).toThrow(UrlNotAllowed);
  });

  it('checks every address a name resolves to at delivery time (DNS rebinding)', async () => {
    await expect(resolveTarget('https://rebind.example/in', strict, answering('127.0.0.1'))).rejects.toThrow(
      /rebind.example resolves to 127.0.0.1 is a loopback/,
    );
    await expect(resolveTarget('https://meta.example/in', strict, answering('169.254.169.254'))).rejects.toThrow(/link-local/);
    await expect(resolveTarget('https://mixed.example/in', strict, answering('93.184.216.34', '10.0.0.5'))).rejects.toThrow(/10.0.0.5/);
    // the address that passed is the one the request is pinned to
    expect(await resolveTarget('https://ok.example/in', strict, answering('93.184.216.34'))).toMatchObject({ address: '93.184.216.34', family: 4 });
    await expect(resolveTarget('https://nowhere.invalid/in', strict)).rejects.toThrow(/does not resolve/);
  });

  it('refuses a real host name that resolves to 127.0.0.1 when loopback is not allowed', async () => {
    await expect(resolveTarget('https://localhost:9/in', strict)).rejects.toThrow(UrlNotAllowed);
    // this machine's own name resolves to a loopback address through the system resolver (/etc/hosts)
    const own = hostname();
    const ownAddress = await import('node:dns/promises').then((dns) => dns.lookup(own).catch(() => undefined));
    if (ownAddress?.address.startsWith('127.')) {
      await expect(resolveTarget(`https://${own}:9/in`, strict)).rejects.toThrow(/loopback/);
      expect((await resolveTarget(`http://127.0.0.1:9/in`, dev)).address).toBe('127.0.0.1');
    }
  });
});
