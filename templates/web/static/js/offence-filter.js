// Progressive enhancement of the offence picker: a search box that narrows the <select> as you
// type (code or words). Without JavaScript the plain <select> works as it is.
(function () {
  'use strict';
  var select = document.querySelector('select[data-offence-filter]');
  var box = document.querySelector('[data-offence-search]');
  if (!select || !box) return;
  var input = box.querySelector('input');
  var status = box.querySelector('[data-offence-count]');
  var options = Array.prototype.slice.call(select.options).filter(function (o) { return o.value !== ''; });
  box.hidden = false;

  function normalise(s) {
    return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  input.addEventListener('input', function () {
    var words = normalise(input.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    var firstShown = null;
    options.forEach(function (o) {
      var text = normalise(o.textContent || '');
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      o.hidden = !match;
      o.disabled = !match;
      if (match) { shown++; if (!firstShown) firstShown = o; }
    });
    // Keep a visible choice selected, so the keyboard user can tab on with the best match.
    var current = select.options[select.selectedIndex];
    if (firstShown && (!current || current.hidden || current.value === '')) select.value = firstShown.value;
    status.textContent = shown === 1 ? '1 feit gevonden' : shown + ' feiten gevonden';
  });
})();
