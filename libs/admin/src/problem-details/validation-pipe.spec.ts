import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Max, ValidateNested } from 'class-validator';
import { EachElement, POSITIVE_INTEGER } from '../common/each-element';
import { ProblemException } from './problem';
import { ProblemValidationPipe } from './validation-pipe';

class Inner {
  @IsString()
  name!: string;
}

class Body {
  @ValidateNested({ each: true })
  @Type(() => Inner)
  items!: Inner[];
}

class Ids {
  @IsArray()
  @EachElement(POSITIVE_INTEGER)
  ids!: number[];
}

class Query {
  @Type(() => Number)
  @IsInt()
  @Max(10)
  limit!: number;
}

async function problemOf(promise: Promise<unknown>): Promise<ProblemException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return error;
    throw error;
  }
  throw new Error('expected a problem');
}

describe('ProblemValidationPipe', () => {
  const pipe = new ProblemValidationPipe();

  it('reports body errors as JSON paths, nested and unknown properties included', async () => {
    const problem = await problemOf(pipe.transform({ items: [{ name: 'ok' }, { name: 3, extra: true }], other: 1 }, { type: 'body', metatype: Body }));
    expect(problem.kind).toBe('validation');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['$.items[1].extra', '$.items[1].name', '$.other']);
  });

  it('reports each bad element of an @EachElement array at its own index', async () => {
    const problem = await problemOf(pipe.transform({ ids: [999, 'x', 0, 1.5] }, { type: 'body', metatype: Ids }));
    expect(problem.errors).toEqual([1, 2, 3].map((index) => ({ path: `$.ids[${index}]`, message: 'must be a positive integer' })));
    const notArray = await problemOf(pipe.transform({ ids: 'x' }, { type: 'body', metatype: Ids }));
    expect(notArray.errors).toEqual([{ path: '$.ids', message: expect.stringContaining('array') }]);
    await expect(pipe.transform({ ids: [1, 2] }, { type: 'body', metatype: Ids })).resolves.toEqual({ ids: [1, 2] });
  });

  it('reports query errors under query.', async () => {
    const problem = await problemOf(pipe.transform({ limit: '50' }, { type: 'query', metatype: Query }));
    expect(problem.errors).toEqual([{ path: 'query.limit', message: expect.stringContaining('10') }]);
  });

  it('refuses a body that is not a JSON object', async () => {
    const problem = await problemOf(pipe.transform([1, 2], { type: 'body', metatype: Body }));
    expect(problem.errors).toEqual([{ path: '$', message: 'must be a JSON object' }]);
  });

  it('converts and passes valid input', async () => {
    await expect(pipe.transform({ limit: '5' }, { type: 'query', metatype: Query })).resolves.toEqual({ limit: 5 });
  });

  it('leaves a named path parameter as the text that was sent, for the route\'s id pipe to parse', async () => {
    await expect(pipe.transform('abc', { type: 'param', data: 'id', metatype: Number })).resolves.toBe('abc');
    await expect(pipe.transform('1e3', { type: 'param', data: 'id', metatype: Number })).resolves.toBe('1e3');
  });
});
