import { tryAgain } from './try-again';

describe('tryAgain', () => {
  it('returns the first success without trying again', async () => {
    const operation = jest.fn().mockResolvedValue('ok');
    await expect(tryAgain(operation, { attempts: 3 })).resolves.toBe('ok');
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('tries again after a failure and returns the later success', async () => {
    const operation = jest.fn().mockRejectedValueOnce(new Error('Command timed out')).mockResolvedValue('ok');
    await expect(tryAgain(operation, { attempts: 2 })).resolves.toBe('ok');
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it('rethrows the last failure once every attempt failed', async () => {
    const operation = jest
      .fn()
      .mockRejectedValueOnce(new Error('first'))
      .mockRejectedValueOnce(new Error('second'))
      .mockRejectedValueOnce(new Error('third'));
    await expect(tryAgain(operation, { attempts: 3 })).rejects.toThrow('third');
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('pauses between attempts', async () => {
    const calls: number[] = [];
    const operation = jest.fn(async () => {
      calls.push(performance.now());
      if (calls.length < 2) throw new Error('Command timed out');
    });
    await tryAgain(operation, { attempts: 2, pauseMs: 50 });
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(45);
  });
});
