import { BadRequestException, ForbiddenException, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { InvalidCursorError, SecretsNotConfiguredError } from '@activation/configuration';
import { ProblemException } from './problem';
import { toProblem } from './to-problem';

describe('toProblem', () => {
  it('renders a problem exception with its field errors', () => {
    const problem = toProblem(ProblemException.invalid([{ path: '$.rule.all[0]', message: 'bad' }]), '/v1/audiences');
    expect(problem).toEqual({
      type: 'urn:activation:problem:invalid-entity',
      title: 'The entity is not valid',
      status: 422,
      detail: expect.any(String),
      instance: '/v1/audiences',
      errors: [{ path: '$.rule.all[0]', message: 'bad' }],
    });
  });

  it.each([
    [new UnauthorizedException('no key'), 401, 'unauthorized'],
    [new ForbiddenException('wrong role'), 403, 'forbidden'],
    [new NotFoundException('Cannot GET /nope'), 404, 'not-found'],
    [new BadRequestException('bad'), 400, 'bad-request'],
  ])('maps Nest HTTP exceptions (%#)', (error, status, slug) => {
    const problem = toProblem(error, '/x');
    expect(problem).toMatchObject({ status, type: `urn:activation:problem:${slug}`, detail: error.message });
    expect(problem).not.toHaveProperty('statusCode');
  });

  it('keeps extra members of an exception body (health details) as extensions', () => {
    const problem = toProblem(new ServiceUnavailableException({ status: 'error', details: { kafka: { status: 'down' } } }), '/health/ready');
    expect(problem).toMatchObject({ status: 503, details: { kafka: { status: 'down' } } });
  });

  it('maps a bad cursor to a validation problem on query.cursor', () => {
    expect(toProblem(new InvalidCursorError(), '/v1/audiences')).toMatchObject({ status: 400, errors: [{ path: 'query.cursor' }] });
  });

  it('maps missing secret keys to 503', () => {
    expect(toProblem(new SecretsNotConfiguredError(), '/v1/destinations').status).toBe(503);
  });

  it('maps unique violations to 409 naming the field', () => {
    const error = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate'), { code: '23505', constraint: 'audiences_slug_key' }));
    expect(toProblem(error, '/v1/audiences')).toMatchObject({ status: 409, errors: [{ path: '$.slug', message: 'is already taken' }] });
  });

  it('maps body parser failures', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(toProblem(parse, '/v1/audiences')).toMatchObject({ status: 400, detail: 'The request body is not valid JSON.' });
    const large = Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' });
    expect(toProblem(large, '/v1/audiences').status).toBe(413);
  });

  it('never explains an unexpected error to the client', () => {
    const problem = toProblem(new Error('connection to 10.0.0.5 failed: password=hunter2'), '/v1/audiences');
    expect(problem).toMatchObject({ status: 500, type: 'urn:activation:problem:internal' });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
