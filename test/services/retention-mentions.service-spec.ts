import { JourneyModule } from '@cairn/journey';
import { Identifiers, mentions, PrivacyModule, RetentionService } from '@cairn/privacy';
import { WorkspaceRepository } from '@cairn/workspace';
import { createPastResponse, createTouchpointWithJourney, createWorkspace } from '../factories';
import { createServiceTest, ServiceTest } from '../utils/service-test';

// Retention filters each answer's snapshot in SQL (libs/privacy/retention.repository.ts); erasure and the copies of an answer
// are redacted by redact.ts's `mentions` in Node. The two must agree: a value one keeps and the other drops is either
// an identifier left behind or a segment value lost. Each answer's snapshot below must come out exactly as `mentions`
// filters it, over the cases where SQL and JavaScript differ unless told: Unicode case mapping, JavaScript's
// whitespace, lengths in UTF-16 units, LIKE's wildcards and the characters JSON escapes.

interface Who {
  email?: string;
  name?: string;
  phoneNumber?: string;
  externalId?: string;
}

interface Answer {
  comment?: string;
  snapshot: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PAD = '\u00a0\u3000\ufeff\u2028 \t';

const CASES: Array<{ who: Who | null; answers: (personId: string) => Answer[] }> = [
  {
    // Case-insensitive, inside text for long needles, whole values only for short ones, JavaScript's trim.
    who: { email: 'Ada.Lovelace@Example.COM', name: 'Al', phoneNumber: '+44 20 7946 0958' },
    answers: () => [
      {
        snapshot: {
          backup: 'ada.lovelace@example.com',
          note: 'write to ADA.LOVELACE@EXAMPLE.COM soon',
          nick: `${PAD}AL${PAD}`,
          says: 'Al is here',
          phone: 'call +44 20 7946 0958',
          plan: 'gold',
          seats: 12,
          vip: true,
          nested: { email: 'ada.lovelace@example.com' },
          nothing: null,
        },
      },
    ],
  },
  {
    // Unicode's default case mapping, as toLowerCase() applies it: dotted capital I, final sigma, sharp s.
    who: { name: 'İpek Yılmaz', externalId: 'ΟΔΥΣΣΕΑΣ', email: 'straße@example.de' },
    answers: () => [
      {
        snapshot: {
          a: 'İPEK YILMAZ',
          b: 'i̇pek yılmaz',
          c: 'Dear Οδυσσεας, hello',
          d: 'ΟΔΥΣΣΕΑΣ ΚΑΙ',
          e: 'STRASSE@EXAMPLE.DE',
          f: 'STRAẞE@EXAMPLE.DE',
        },
      },
    ],
  },
  {
    // Lengths in UTF-16 units: three emoji are six, long enough to be looked for inside text; two are four.
    who: { externalId: '😀😀😀', phoneNumber: '😀😀' },
    answers: () => [{ snapshot: { a: 'hi 😀😀😀 there', b: 'hi 😀😀 there', c: ' 😀😀 ', d: '😀😀😀' } }],
  },
  {
    // LIKE's wildcards, a quote, a backslash and a newline in the needles: only exact text may match.
    who: { email: 'first_last%@x.io', name: 'O"Brien \\ Jr', externalId: 'line\none' },
    answers: () => [
      {
        snapshot: {
          a: 'FIRST_LAST%@X.IO',
          b: 'firstXlast%@x.io',
          c: 'firstXlastYY@x.io',
          d: 'call o"brien \\ jr now',
          e: 'call o"brien  jr now',
          f: 'LINE\nONE',
          g: 'line one',
        },
      },
    ],
  },
  {
    // The person's id: a whole value only. Their comments, from every answer of theirs in the batch.
    who: { email: 'bob@example.com' },
    answers: (personId) => [
      {
        comment: 'my parcel never came',
        snapshot: { id: ` ${personId.toUpperCase()} `, ref: `id:${personId}`, quote: 'MY PARCEL NEVER CAME!' },
      },
      { comment: 'ok', snapshot: { quote: 'my parcel never came', short: 'OK', other: 'okay then' } },
    ],
  },
  {
    // Answers without a person: what they wrote, and nothing else, identifies them.
    who: null,
    answers: () => [
      { comment: 'Flat 4, 12 Acacia Avenue', snapshot: { address: 'flat 4, 12 acacia avenue', plan: 'free' } },
      { comment: 'thanks', snapshot: { echo: 'FLAT 4, 12 ACACIA AVENUE.', reply: 'THANKS' } },
    ],
  },
  {
    // Snapshots that are not objects keep nothing; an empty one stays empty.
    who: { email: 'carol@example.com' },
    answers: () => [{ snapshot: ['carol@example.com', 'gold'] }, { snapshot: 'carol' }, { snapshot: {} }],
  },
];

describe('Retention filters snapshots in SQL exactly as redact.ts mentions() does (service tier)', () => {
  let t: ServiceTest;

  beforeAll(async () => {
    t = await createServiceTest([PrivacyModule, JourneyModule]);
  });
  afterAll(() => t?.close());

  it('keeps and drops the same values as mentions(), case by case', async () => {
    const workspaceId = (await createWorkspace(t)).id;
    await t.get(WorkspaceRepository).update(workspaceId, { retentionMonths: 1 });
    const { touchpoint } = await createTouchpointWithJourney(t, workspaceId);
    const expired = new Date(Date.now() - 62 * 86_400_000);
    const expected = new Map<string, unknown>();
    let seconds = 0;

    for (const { who, answers } of CASES) {
      const person = who ? await t.prisma.person.create({ data: { workspaceId, ...who } }) : null;
      const mine = answers(person?.id ?? '');
      const ids: Identifiers = {
        personId: person?.id ?? '',
        matchPersonId: person !== null,
        values: [who?.email, who?.name, who?.phoneNumber, who?.externalId, ...mine.map((a) => a.comment)],
      };
      for (const answer of mine) {
        const response = await createPastResponse(t, {
          workspaceId,
          touchpoint,
          personId: person?.id,
          score: 5,
          comment: answer.comment,
          createdAt: new Date(expired.getTime() + 1000 * seconds++),
          personProperties: answer.snapshot as never,
        });
        const snapshot = answer.snapshot;
        expected.set(
          response.id,
          isObject(snapshot)
            ? Object.fromEntries(Object.entries(snapshot).filter(([, v]) => !(typeof v === 'string' && mentions(v, ids))))
            : {},
        );
      }
    }

    expect(await t.get(RetentionService).apply()).toBe(expected.size);

    const rows = await t.prisma.response.findMany({ where: { workspaceId }, select: { id: true, personProperties: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.personProperties]))).toEqual(Object.fromEntries(expected));
    // Not vacuous: of the 37 values in object snapshots, mentions() drops 21 and keeps 16.
    const count = (snapshots: unknown[]) => snapshots.reduce((sum: number, s) => sum + (isObject(s) ? Object.keys(s).length : 0), 0);
    expect(count(CASES.flatMap((c) => c.answers('').map((a) => a.snapshot)))).toBe(37);
    expect(count([...expected.values()])).toBe(16);
  });
});
