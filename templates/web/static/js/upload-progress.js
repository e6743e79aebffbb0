// Progressive enhancement of a file upload form: the file is sent with XMLHttpRequest so that a
// progress bar can show how much is sent, then the answer is shown as the plain form post would:
// where the server would redirect it answers this script 204 with the Location to go to (see
// mountPages), any other answer (a dry run's summary, a refused file's bad lines) replaces the
// page's main content. Without JavaScript the form posts as is.
(function () {
  'use strict';
  if (!window.FormData || !window.XMLHttpRequest || !window.DOMParser) return;

  function mb(bytes) {
    return (bytes / 1024 / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  }

  function show(html) {
    var doc = new window.DOMParser().parseFromString(html, 'text/html');
    var next = doc.querySelector('main');
    var main = document.querySelector('main');
    if (!next || !main) {
      document.open();
      document.write(html);
      document.close();
      return;
    }
    main.replaceWith(next);
    document.title = doc.title;
    var focus = next.querySelector('[role=alert]') || next.querySelector('h1') || next;
    if (!focus.hasAttribute('tabindex')) focus.setAttribute('tabindex', '-1');
    focus.focus();
  }

  // Delegated, so that a form shown again after a refusal is enhanced too.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.matches || !form.matches('form[data-upload-progress]')) return;
    var file = form.querySelector('input[type=file]');
    if (!file || !file.files || file.files.length === 0) return; // the server says what is missing
    var max = Number(file.getAttribute('data-max-bytes'));
    if (max && file.files[0].size > max) return; // the server refuses it with its message
    event.preventDefault();

    var bar = form.querySelector('[data-progress]');
    var progress = bar && bar.querySelector('progress');
    var status = form.querySelector('[data-progress-status]');
    var button = form.querySelector('button[type=submit]');
    var total = file.files[0].size;
    if (bar) bar.hidden = false;
    if (button) button.disabled = true;
    if (status) status.textContent = 'Het bestand wordt verstuurd…';

    var xhr = new window.XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable || !progress) return;
      var percent = Math.round((e.loaded / e.total) * 100);
      progress.value = percent;
      progress.textContent = percent + '%';
      if (status) status.textContent = percent < 100 ? 'Verstuurd: ' + percent + '% (' + mb(Math.min(e.loaded, total)) + ' van ' + mb(total) + ' MB)' : 'Verstuurd. Het afschrift wordt verwerkt…';
    });
    xhr.addEventListener('load', function () {
      var next = xhr.status === 204 && xhr.getResponseHeader('Location');
      if (next) {
        window.location.assign(next);
        return;
      }
      show(xhr.responseText);
    });
    xhr.addEventListener('error', function () {
      if (status) status.textContent = 'Het versturen is mislukt. Controleer de verbinding en probeer het nog eens.';
      if (button) button.disabled = false;
    });
    xhr.send(new window.FormData(form));
  });
})();
