import { API_OLD_SPACE_OPTION, nodeRuntimeEnv, SEMI_SPACE_OPTION, tuneWorkerHeapForMemory, WORKER_OLD_SPACE_OPTION } from './node-runtime';

describe('nodeRuntimeEnv', () => {
  it('adds the semi-space size and the malloc arena cap to the environment', () => {
    expect(nodeRuntimeEnv({ PORT: '3000' })).toEqual({
      PORT: '3000',
      NODE_OPTIONS: `${SEMI_SPACE_OPTION} ${WORKER_OLD_SPACE_OPTION}`,
      MALLOC_ARENA_MAX: '2',
    });
  });

  it('keeps the options and settings already given', () => {
    expect(nodeRuntimeEnv({ NODE_OPTIONS: '--max-old-space-size=512', MALLOC_ARENA_MAX: '4' })).toEqual({
      NODE_OPTIONS: `--max-old-space-size=512 ${SEMI_SPACE_OPTION}`,
      MALLOC_ARENA_MAX: '4',
    });
    expect(nodeRuntimeEnv({ NODE_OPTIONS: '--max-semi-space-size=16' }).NODE_OPTIONS).toBe(
      `--max-semi-space-size=16 ${WORKER_OLD_SPACE_OPTION}`,
    );
  });

  it("caps each role's old generation, unless a cap is given", () => {
    expect(nodeRuntimeEnv({}, 'api').NODE_OPTIONS).toBe(`${SEMI_SPACE_OPTION} ${API_OLD_SPACE_OPTION}`);
    expect(nodeRuntimeEnv({}, 'worker').NODE_OPTIONS).toBe(`${SEMI_SPACE_OPTION} ${WORKER_OLD_SPACE_OPTION}`);
    expect(nodeRuntimeEnv({ NODE_OPTIONS: '--max-old-space-size=300' }, 'worker').NODE_OPTIONS).toBe(
      `--max-old-space-size=300 ${SEMI_SPACE_OPTION}`,
    );
    expect(nodeRuntimeEnv({ NODE_OPTIONS: '--max-old-space-size=512' }, 'api').NODE_OPTIONS).toBe(
      `--max-old-space-size=512 ${SEMI_SPACE_OPTION}`,
    );
  });
});

describe('tuneWorkerHeapForMemory', () => {
  it('makes a worker started without an old-space cap collect early, and leaves a capped one alone', () => {
    expect(tuneWorkerHeapForMemory(`${SEMI_SPACE_OPTION} ${WORKER_OLD_SPACE_OPTION}`)).toBe(false);
    expect(tuneWorkerHeapForMemory('--max-old-space-size=512')).toBe(false);
    expect(tuneWorkerHeapForMemory(SEMI_SPACE_OPTION)).toBe(true);
  });
});
