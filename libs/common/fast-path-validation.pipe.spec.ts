import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { IsString } from 'class-validator';
import { API_VALIDATION, FastPathValidationPipe } from './fast-path-validation.pipe';

class NoteDto {
  @IsString()
  text!: string;
}

describe('FastPathValidationPipe', () => {
  const taken = Object.assign(new NoteDto(), { text: 'from the fast path' });
  const fastPath = jest.fn((body: unknown) => ((body as { fast?: boolean }).fast ? taken : null));
  const pipe = new FastPathValidationPipe(new Map([[NoteDto, fastPath]]), API_VALIDATION);
  const body = { type: 'body', metatype: NoteDto } as const;

  beforeEach(() => fastPath.mockClear());

  it("returns the fast path's DTO for a body it takes", async () => {
    await expect(pipe.transform({ fast: true }, body)).resolves.toBe(taken);
  });

  it('leaves a body the fast path declines to the ValidationPipe: the same DTO or the same 400', async () => {
    const plain = new ValidationPipe(API_VALIDATION);
    await expect(pipe.transform({ text: 'hello' }, body)).resolves.toStrictEqual(await plain.transform({ text: 'hello' }, body));
    const refusal = (pipe_: ValidationPipe) =>
      pipe_.transform({ text: 3, extra: 1 }, body).catch((error: BadRequestException) => error.getResponse());
    expect(await refusal(pipe)).toStrictEqual(await refusal(plain));
    expect(await refusal(pipe)).toMatchObject({ statusCode: 400, message: ['property extra should not exist', 'text must be a string'] });
    expect(fastPath).toHaveBeenCalledTimes(3);
  });

  it('uses a fast path for bodies only, and only for its own DTO', async () => {
    await expect(pipe.transform({ fast: true }, { type: 'query', metatype: NoteDto })).rejects.toBeInstanceOf(BadRequestException);
    class OtherDto {
      @IsString()
      text!: string;
    }
    await expect(pipe.transform({ fast: true }, { type: 'body', metatype: OtherDto })).rejects.toBeInstanceOf(BadRequestException);
    expect(fastPath).not.toHaveBeenCalled();
  });
});
