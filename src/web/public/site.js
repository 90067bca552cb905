// Comfort only: everything works without it. Auto-submit facet clicks; completions from /api/suggest.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('.facets input[type=checkbox]').forEach((box) => {
    box.addEventListener('change', () => box.form.submit());
  });
  const apply = document.querySelector('.facets .apply');
  if (apply) apply.hidden = true;
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
  const mark = document.querySelector('.document mark');
  if (mark && !location.hash) mark.scrollIntoView({ block: 'center' });
});
