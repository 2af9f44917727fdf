// A webhook's delivery log: every event with status, attempts and the last
// answer, and a retry button for failed ones.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { can } from '../session.js';
import { table } from './forms.js';

export function deliveryLog(webhookId) {
  const box = h('div', { class: 'deliveries', 'data-testid': 'deliveries' }, t('common.loading'));
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
    } catch (error) {
      mount(box, h('div', { class: 'alert alert-error' }, error.message));
    }
  };
  void load();
  return box;
}

function row(webhookId, d, reload) {
  const last = d.attemptLog.at(-1);
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
      { title: last?.error ?? last?.responseBody ?? '' },
      d.lastStatus ? String(d.lastStatus) : last?.error ? t('wh.networkError') : '–',
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
