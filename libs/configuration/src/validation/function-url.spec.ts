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
      expect(errors).toEqual([{ path: '$.settings.url', message: expect.stringContaining('credentials belong in the destination\'s secrets') }]);
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
});
