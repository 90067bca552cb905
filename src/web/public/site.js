// Comfort only: everything works without it. Auto-submit facet clicks (keeping focus on the facet
// after the reload), a filter box for long facets, completions from /api/suggest, focus on the
// landed item.
document.addEventListener('DOMContentLoaded', () => {
  const FOCUS_KEY = 'zhengce-facet-focus';
  const panel = document.querySelector('.facet-panel');
  if (panel && window.matchMedia('(min-width: 50rem)').matches) panel.open = true;
  document.querySelectorAll('.facets input[type=checkbox]').forEach((box) => {
    box.addEventListener('change', () => {
      try { sessionStorage.setItem(FOCUS_KEY, box.name + '\n' + box.value); } catch { /* storage off: focus is only a comfort */ }
      box.form.submit();
    });
  });
  const apply = document.querySelector('.facets .apply');
  if (apply && !document.querySelector('.facets .dates')) apply.hidden = true;
  let wanted = null;
  try { wanted = sessionStorage.getItem(FOCUS_KEY); sessionStorage.removeItem(FOCUS_KEY); } catch { /* ignore */ }
  if (wanted) {
    const [name, value] = wanted.split('\n');
    const box = [...document.querySelectorAll('.facets input[type=checkbox]')].find((b) => b.name === name && b.value === value);
    if (box) {
      if (panel) panel.open = true;
      box.focus();
    }
  }
  document.querySelectorAll('.facets fieldset[data-searchable]').forEach((set, i) => {
    const legend = set.querySelector('legend');
    const input = Object.assign(document.createElement('input'), { type: 'search', id: 'facet-filter-' + i, placeholder: '在' + legend.textContent + '中查找' });
    input.setAttribute('aria-label', '在“' + legend.textContent + '”中查找');
    input.className = 'facet-filter';
    legend.after(input);
    input.addEventListener('input', () => {
      const needle = input.value.trim();
      set.querySelectorAll('.value').forEach((row) => { row.hidden = needle !== '' && !row.textContent.includes(needle); });
    });
  });
  const input = document.getElementById('q');
  const list = document.getElementById('suggestions');
  let timer;
  if (input && list) {
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        if (!q) return;
        const res = await fetch('/api/suggest?q=' + encodeURIComponent(q));
        if (!res.ok) return;
        const body = await res.json();
        list.replaceChildren(...body.suggestions.map((s) => Object.assign(document.createElement('option'), { value: s })));
      }, 150);
    });
  }
  // Landing on an item: focus it, so the next Tab goes into the item (its breadcrumb and 返回结果).
  const landTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (target && target.matches('.document .sec')) target.focus({ preventScroll: true });
  };
  window.addEventListener('hashchange', landTarget);
  landTarget();
  const mark = document.querySelector('.document mark');
  if (mark && !location.hash) mark.scrollIntoView({ block: 'center' });
});
