// A webhook's delivery log: every event with status, attempts and the last
// answer with its reason (the receiver's status and body, or why nothing
// answered), and a retry button for failed ones.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { can } from '../session.js';
import { table } from './forms.js';

const REASON_CHARS = 160;
const WATCH_MS = 1000;
const WATCH_TIMES = 30;

/** The log; `watch` names a delivery just asked for (a test event), re-read until it leaves "pending". */
export function deliveryLog(webhookId, { watch = null } = {}) {
  const box = h('div', { class: 'deliveries', 'data-testid': 'deliveries' }, t('common.loading'));
  let rounds = 0;
  const load = async () => {
    try {
      const { data } = await get(`/api/v1/webhooks/${webhookId}/deliveries`, { limit: 20 });
      mount(
        box,
        data.length
          ? table(
              [t('wh.event'), t('wh.status'), t('wh.attempts'), t('wh.lastStatus'), t('wh.when'), ''],
              data.map((d) => row(webhookId, d, load)),
              'delivery-table',
            )
          : h('p', { class: 'subtle' }, t('wh.noDeliveries')),
      );
      const watched = watch && data.find((d) => d.id === watch);
      if (watched?.status === 'pending' && box.isConnected && ++rounds <= WATCH_TIMES) setTimeout(load, WATCH_MS);
    } catch (error) {
      mount(box, h('div', { class: 'alert alert-error', role: 'alert' }, error.message));
    }
  };
  void load();
  return box;
}

/** Why the last attempt did not succeed, in the receiver's or the network's words (first characters only). */
export function failureReason(d) {
  const last = d.attemptLog.at(-1);
  if (!last || d.status === 'succeeded') return null;
  const text = (last.error ?? last.responseBody ?? '').trim().replace(/\s+/g, ' ');
  if (!text) return null;
  return text.length > REASON_CHARS ? `${text.slice(0, REASON_CHARS - 1)}…` : text;
}

function row(webhookId, d, reload) {
  const last = d.attemptLog.at(-1);
  const reason = failureReason(d);
  const retry = async (e) => {
    e.currentTarget.disabled = true;
    try {
      await post(`/api/v1/webhooks/${webhookId}/deliveries/${d.id}/retry`);
    } finally {
      await reload();
    }
  };
  return h(
    'tr',
    { 'data-testid': 'delivery', dataset: { status: d.status, deliveryId: d.id } },
    h('td', {}, h('code', {}, d.eventType)),
    h('td', {}, h('span', { class: `status status-${d.status}` }, t(`wh.delivery.${d.status}`))),
    h('td', {}, String(d.attempts)),
    h(
      'td',
      { 'data-testid': 'delivery-answer' },
      d.lastStatus ? String(d.lastStatus) : last?.error ? t('wh.networkError') : '–',
      reason &&
        h('div', { class: 'subtle', 'data-testid': 'delivery-reason', title: last.error ?? last.responseBody }, t('wh.reason', { reason })),
    ),
    h('td', {}, formatDate(d.deliveredAt ?? last?.createdAt ?? d.createdAt, true)),
    h(
      'td',
      {},
      d.status === 'failed' &&
        can('manager') &&
        h('button', { class: 'btn btn-ghost', 'data-testid': 'retry', onclick: retry }, t('wh.retry')),
    ),
  );
}
