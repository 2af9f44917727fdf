// Tabs as WAI-ARIA's tabs pattern describes them: buttons in a tablist, the
// selected one marked (aria-selected) and the only one in the tab order, the
// arrow keys (and Home/End) moving to and selecting a neighbour, each tab
// naming the panel it controls and the panel named by its selected tab.
// Several tabs may share one panel (a filter over one list): it then stays shown.
import { h } from '../dom.js';

let lists = 0;

/**
 * tabList({ label, selected, onSelect, tabs: [{ key, label, panel, testid? }] }) → the tablist element.
 * onSelect(key) runs when the user picks another tab (not for the initial one).
 */
export function tabList({ label, tabs, selected, onSelect }) {
  const prefix = `tabs-${++lists}`;
  const buttons = tabs.map((tab, i) =>
    h(
      'button',
      {
        type: 'button',
        class: 'tab',
        role: 'tab',
        id: `${prefix}-${tab.key}`,
        'data-testid': tab.testid,
        onclick: () => choose(tab.key),
        onkeydown: (e) => {
          const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
          if (to === undefined) return;
          e.preventDefault();
          const next = (to + tabs.length) % tabs.length;
          choose(tabs[next].key);
          buttons[next].focus();
        },
      },
      tab.label,
    ),
  );
  for (const tab of tabs) {
    tab.panel.id ||= `${prefix}-panel-${tab.key}`;
    tab.panel.setAttribute('role', 'tabpanel');
  }
  tabs.forEach((tab, i) => buttons[i].setAttribute('aria-controls', tab.panel.id));

  let current = null;
  function show(key) {
    current = key;
    const chosen = tabs.find((tab) => tab.key === key);
    tabs.forEach((tab, i) => {
      const on = tab === chosen;
      buttons[i].setAttribute('aria-selected', String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      buttons[i].classList.toggle('active', on);
      tab.panel.hidden = tab.panel !== chosen.panel;
    });
    chosen.panel.setAttribute('aria-labelledby', buttons[tabs.indexOf(chosen)].id);
  }
  function choose(key) {
    if (key === current) return;
    show(key);
    onSelect?.(key);
  }
  show(selected);
  return h('div', { class: 'tabs', role: 'tablist', 'aria-label': label }, buttons);
}
