// The banner shown while the reputation guard keeps survey emails paused: on every page (the shell) and on
// Settings › Deliverability; admins resume sending from it.
import { get, post } from '../api.js';
import { h, mount } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { can } from '../session.js';

/** Why sending stopped; admins resume it here. */
export function pausedBanner(sending, onResumed, linkToPage = true) {
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert', 'data-testid': 'sending-paused' },
    h('strong', {}, t('dlv.paused')),
    ' ',
    t('dlv.pausedBecause', { reason: sending.reason ?? '', date: formatDate(sending.pausedAt) }),
    ' ',
    can('admin')
      ? h(
          'button',
          {
            class: 'btn btn-primary',
            type: 'button',
            'data-testid': 'resume-sending',
            onclick: async () => (await post('/api/v1/deliverability/resume'), onResumed()),
          },
          t('dlv.resume'),
        )
      : t('dlv.askAdmin'),
    ' ',
    linkToPage && h('a', { href: '#/settings/deliverability' }, t('nav.deliverability')),
  );
}

/** Fills `slot` with the banner when sending is paused, empties it otherwise; a failed read shows nothing. */
export async function refreshPausedBanner(slot) {
  const data = await get('/api/v1/deliverability').catch(() => null);
  mount(slot, data?.sending.paused ? pausedBanner(data.sending, () => refreshPausedBanner(slot)) : null);
}
