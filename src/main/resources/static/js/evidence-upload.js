// Evidence upload with progress, resumable. The form works without this script (one bounded multipart
// request); with it, the item is announced with the form's fields, then its file goes in chunks by the
// tus HEAD/PATCH rules (Upload-Offset), each chunk under the node's max-chunk-bytes. After a failure it
// asks the offset the node holds and resumes from there; choosing the same file again after a reload
// resumes the same upload (its address is remembered in this browser's local storage).
(function () {
  'use strict';
  var MAX_FAILURES = 8;

  function say(status, key, value) {
    var text = status.getAttribute('data-' + key) || '';
    status.textContent = text.replace('{0}', value === undefined ? '' : String(value));
  }

  function memoryKey(file) {
    return 'comity-evidence-upload:' + location.pathname + ':' + file.name + ':' + file.size + ':' + file.lastModified;
  }

  function request(method, url, csrf, headers, body, onProgress) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('X-CSRF-TOKEN', csrf);
      xhr.setRequestHeader('Tus-Resumable', '1.0.0');
      Object.keys(headers).forEach(function (name) { xhr.setRequestHeader(name, headers[name]); });
      if (onProgress && xhr.upload) {
        xhr.upload.onprogress = function (e) { onProgress(e.loaded); };
      }
      xhr.onload = function () { resolve(xhr); };
      xhr.onerror = function () { reject(new Error('network')); };
      xhr.send(body);
    });
  }

  function wait(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function percent(done, size) {
    return size === 0 ? 100 : Math.floor((done * 100) / size);
  }

  async function announce(form, file, csrf) {
    var remembered = localStorage.getItem(memoryKey(file));
    if (remembered) {
      var head = await request('HEAD', remembered, csrf, {}, null);
      if (head.status === 200) {
        return remembered;
      }
      localStorage.removeItem(memoryKey(file));
    }
    var fields = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== '_csrf') {
        fields.append(name, value);
      }
    });
    fields.append('fileName', file.name);
    fields.append('mediaType', file.type || 'application/octet-stream');
    fields.append('size', String(file.size));
    var created = await request('POST', form.getAttribute('data-announce'), csrf,
      {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'}, fields.toString());
    if (created.status !== 201) {
      var problem = {};
      try { problem = JSON.parse(created.responseText); } catch (ignored) { /* not JSON */ }
      var errors = (problem.errors || []).map(function (e) { return e.message; }).join(' · ');
      throw new Error(errors || problem.detail || ('HTTP ' + created.status));
    }
    var where = JSON.parse(created.responseText).location;
    localStorage.setItem(memoryKey(file), where);
    return where;
  }

  async function upload(form) {
    var file = form.querySelector('input[type=file]').files[0];
    var csrf = form.querySelector('input[name=_csrf]').value;
    var chunk = parseInt(form.getAttribute('data-chunk-bytes'), 10);
    var box = form.querySelector('.upload-progress');
    var bar = box.querySelector('progress');
    var status = box.querySelector('.upload-status');
    var button = form.querySelector('button[type=submit]');
    box.hidden = false;
    button.disabled = true;
    try {
      var where = await announce(form, file, csrf);
      var offset = -1;
      var failures = 0;
      while (true) {
        if (offset < 0) {
          var head = await request('HEAD', where, csrf, {}, null);
          if (head.status !== 200) {
            throw new Error('HTTP ' + head.status);
          }
          offset = parseInt(head.getResponseHeader('Upload-Offset'), 10);
        }
        bar.value = percent(offset, file.size);
        if (offset >= file.size) {
          break;
        }
        say(status, failures > 0 ? 'resuming' : 'sending', bar.value);
        var from = offset;
        var end = Math.min(file.size, from + chunk);
        var sent;
        try {
          sent = await request('PATCH', where, csrf,
            {'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(from)},
            file.slice(from, end),
            function (loaded) { bar.value = percent(from + loaded, file.size); });
        } catch (network) {
          sent = null;
        }
        if (sent !== null && sent.status === 204) {
          offset = parseInt(sent.getResponseHeader('Upload-Offset'), 10);
          failures = 0;
          continue;
        }
        if (sent !== null && sent.status >= 400 && sent.status < 500 && sent.status !== 409 && sent.status !== 400) {
          throw new Error('HTTP ' + sent.status);
        }
        failures += 1;
        if (failures > MAX_FAILURES) {
          throw new Error('too many failures');
        }
        say(status, 'resuming', percent(from, file.size));
        await wait(Math.min(30000, 500 * Math.pow(2, failures - 1)));
        offset = -1;
      }
      localStorage.removeItem(memoryKey(file));
      bar.value = 100;
      say(status, 'done');
      box.setAttribute('data-complete', 'true');
    } catch (failed) {
      say(status, 'failed');
      status.textContent += ' (' + failed.message + ')';
    } finally {
      button.disabled = false;
    }
  }

  document.querySelectorAll('form.evidence-upload').forEach(function (form) {
    if (!window.XMLHttpRequest || !window.Promise || !window.localStorage) {
      return;
    }
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      if (!input.files || input.files.length !== 1) {
        return;
      }
      event.preventDefault();
      upload(form);
    });
  });
})();
