import { functionUrlProblem } from './function-url.constraint';
import { validateDestinationSettings } from './validate-destination';

describe('function destination url', () => {
  it('accepts http and https URLs, loopback and ports included, with ordinary query parameters', () => {
    for (const url of ['https://fn.example.net/api/sync', 'http://localhost:7071/api/x', 'http://127.0.0.1:4555/api/x?region=eu&codes=1']) {
      expect(functionUrlProblem(url)).toBeUndefined();
    }
  });

  it('refuses a URL with credentials and says where they belong, without repeating them', () => {
    for (const url of ['http://user:PASSW0RD@127.0.0.1:4555/api/x', 'https://user@fn.example.net/x', 'https://:PASSW0RD@fn.example.net/x']) {
      const errors = validateDestinationSettings('function', { url });
      expect(errors).toEqual([{ path: '$.settings.url', message: expect.stringContaining('credentials belong in the secrets') }]);
      expect(JSON.stringify(errors)).not.toContain('PASSW0RD');
    }
  });

  it('refuses an Azure Functions key in the query and points to secrets.functionKey', () => {
    for (const url of ['https://fn.azurewebsites.net/api/x?code=AZCODESECRET', 'https://fn.example.net/x?a=1&Code=AZCODESECRET', 'https://fn.example.net/x?code=']) {
      const errors = validateDestinationSettings('function', { url });
      expect(errors).toEqual([{ path: '$.settings.url', message: expect.stringMatching(/secrets\.functionKey.*x-functions-key/) }]);
      expect(JSON.stringify(errors)).not.toContain('AZCODESECRET');
    }
  });

  it('refuses what is not an http or https URL with that message', () => {
    for (const url of ['ftp://fn.example.net/x', 'file:///etc/passwd', 'not a url', 'http://', 42, undefined]) {
      expect(validateDestinationSettings('function', { url })).toEqual([{ path: '$.settings.url', message: 'url must be an http or https URL' }]);
    }
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254', 'cloud metadata'],
    ['https://169.254.170.2/v2/credentials', '169.254.170.2', 'cloud metadata'],
    ['http://100.100.100.200/latest/meta-data', '100.100.100.200', 'cloud metadata'],
    ['http://[fd00:ec2::254]/latest/meta-data', 'fd00:ec2::254', 'cloud metadata'],
    ['http://169.254.1.1:8080/api', '169.254.1.1', 'link-local'],
    ['http://0xA9FE0101/api', '169.254.1.1', 'link-local'],
    ['http://[fe80::1]:7071/api/x', 'fe80::1', 'link-local'],
    ['https://[FEBF::abcd]/x', 'febf::abcd', 'link-local'],
    ['http://[::ffff:169.254.169.254]/x', '::ffff:a9fe:a9fe', 'cloud metadata'],
  ])('refuses %s, a literal link-local or metadata address, at $.settings.url', (url, address, kind) => {
    expect(validateDestinationSettings('function', { url })).toEqual([
      { path: '$.settings.url', message: `url must not point at ${address}, a ${kind} address: link-local and cloud metadata addresses are never called` },
    ]);
  });

  it('leaves neighbouring addresses and host names to the delivery address guard (no name is resolved here)', () => {
    for (const url of ['http://169.253.255.255/x', 'http://169.255.0.1/x', 'http://[fec0::1]/x', 'http://10.0.0.5/x', 'http://metadata.google.internal/x']) {
      expect(functionUrlProblem(url)).toBeUndefined();
    }
  });
});
