import { TRANSACTION_MAX_WAIT_MS, TransactionRunner } from './transaction.runner';
import type { PrismaService } from './prisma.service';

describe('TransactionRunner', () => {
  const runWith = (options?: Parameters<TransactionRunner['run']>[1]) => {
    const transaction = jest.fn(async (work: (tx: unknown) => Promise<unknown>) => work('tx'));
    const runner = new TransactionRunner({ $transaction: transaction } as unknown as PrismaService);
    return { result: runner.run(async (tx) => `ran in ${String(tx)}`, options), transaction };
  };

  it('waits up to TRANSACTION_MAX_WAIT_MS for a connection unless told otherwise', async () => {
    const { result, transaction } = runWith();
    await expect(result).resolves.toBe('ran in tx');
    expect(transaction).toHaveBeenCalledWith(expect.any(Function), { maxWait: TRANSACTION_MAX_WAIT_MS });
  });

  it("keeps the caller's options, its own maxWait included", async () => {
    const { transaction } = runWith({ maxWait: 20_000, timeout: 30_000 });
    expect(transaction).toHaveBeenCalledWith(expect.any(Function), { maxWait: 20_000, timeout: 30_000 });
    expect(runWith({ timeout: 1_000 }).transaction).toHaveBeenCalledWith(expect.any(Function), {
      maxWait: TRANSACTION_MAX_WAIT_MS,
      timeout: 1_000,
    });
  });
});
