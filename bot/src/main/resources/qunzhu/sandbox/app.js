// Qunzhu sandbox chat: a plain script, no build step. Talks only to the same-origin /api/.
// All user and bot text goes into the page through textContent, never as HTML.
'use strict';

(function () {
  const POLL_MS = 700;
  const $ = (id) => document.getElementById(id);

  // ?member=alice&group=tech overrides the remembered choice (handy for one tab per member).
  const params = new URLSearchParams(location.search);
  const state = {
    me: params.get('member') || localStorage.getItem('qunzhu.member') || '',
    group: params.get('group') || localStorage.getItem('qunzhu.group') || '',
    groups: [],
    entries: new Map(), // id -> {entry, el, sig}
    lastSeq: 0, // the server's "through": the next poll asks for what came or changed after it
    epoch: null, // the server's start; a new one (the bot restarted) means reading everything again
    info: null,
    replyTo: null,
    gen: 0, // bumps on group switch so late answers for the old group are dropped
    timer: null,
    offline: false,
    busy: false,
    again: false,
  };

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  // ---- API -------------------------------------------------------------------------------

  async function api(method, path, body) {
    // Same-origin only; writes go as JSON, which the server requires (a form post is refused).
    const opts = { method, headers: {}, mode: 'same-origin', credentials: 'same-origin' };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const res = await fetch('/api/' + path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { /* empty or not JSON */ }
    if (!res.ok) {
      const err = new Error((data && data.error) || (res.status + ' ' + res.statusText));
      err.status = res.status;
      throw err;
    }
    return data;
  }

  const groupPath = (verb) => 'groups/' + encodeURIComponent(state.group) + '/' + verb;

  // ---- notices -----------------------------------------------------------------------------

  const STATUS_LABEL = { 400: 'Bad input (输入有误)', 403: 'Not allowed (不允许)', 404: 'Not found (未找到)', 409: 'Conflict (冲突)' };

  const shown = new Map(); // notice text -> {box, timer}: a repeated notice is shown once

  function notify(message, kind) {
    const ms = kind === 'error' ? 7000 : 4000;
    const old = shown.get(message);
    if (old) { clearTimeout(old.timer); old.timer = setTimeout(old.close, ms); return; }
    const box = el('div', 'notice ' + (kind || 'info'), message);
    const item = { box, close: () => { box.remove(); shown.delete(message); } };
    box.title = 'Click to dismiss (点击关闭)';
    box.addEventListener('click', () => { clearTimeout(item.timer); item.close(); });
    $('notices').appendChild(box);
    item.timer = setTimeout(item.close, ms);
    shown.set(message, item);
  }

  function notifyError(err) {
    const label = STATUS_LABEL[err.status];
    notify(label ? label + ': ' + err.message : err.message, 'error');
  }

  function requireMe() {
    if (state.me) return true;
    notify('Pick or type a member name first (请先选择或输入成员名)', 'error');
    $('member').focus();
    return false;
  }

  async function act(verb, body) {
    if (!state.group || !requireMe()) return false;
    try {
      await api('POST', groupPath(verb), Object.assign({ member: state.me }, body || {}));
      pollSoon();
      return true;
    } catch (err) {
      notifyError(err);
      return false;
    }
  }

  // ---- transcript ------------------------------------------------------------------------

  function shortTime(at) {
    if (!at) return '';
    const d = new Date(String(at).replace(/(\.\d{3})\d+/, '$1'));
    return isNaN(d) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  function snippet(e) {
    if (!e) return '';
    const t = e.deleted ? 'removed (已删除)' : (e.text || '');
    return t.length > 60 ? t.slice(0, 60) + '…' : t;
  }

  function whoOf(e) { return e.kind === 'bot' ? (e.authorName || e.author) : e.author; }

  function jumpTo(id) {
    const item = state.entries.get(id);
    if (!item) return;
    item.el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    item.el.classList.remove('flash');
    void item.el.offsetWidth; // restart the animation
    item.el.classList.add('flash');
  }

  function renderEntry(e) {
    const node = renderBody(e);
    node.dataset.id = e.id;
    return node;
  }

  function renderBody(e) {
    if (e.kind === 'system') {
      const line = el('div', 'entry system' + (e.to ? ' private' : ''));
      line.appendChild(el('span', 'text', e.text));
      line.appendChild(el('span', 'time', shortTime(e.at)));
      return line;
    }
    const box = el('div', 'entry ' + (e.kind === 'bot' ? 'bot' : 'message'));
    if (e.deleted) box.classList.add('deleted');
    if (e.author === state.me) box.classList.add('own');
    const head = el('div', 'head');
    head.appendChild(el('span', 'author', whoOf(e)));
    if (e.kind === 'bot') head.appendChild(el('span', 'badge', 'bot'));
    head.appendChild(el('span', 'time', shortTime(e.at) + ' · #' + e.id));
    if (!e.deleted) {
      const reply = el('a', 'reply-link', 'reply (回复)');
      reply.href = '#';
      reply.addEventListener('click', (ev) => { ev.preventDefault(); setReply(e.id); });
      head.appendChild(reply);
    }
    box.appendChild(head);
    if (e.replyTo) {
      const target = state.entries.get(e.replyTo);
      const quote = el('div', 'quote', target ? '↪ ' + whoOf(target.entry) + ': ' + snippet(target.entry) : '↪ #' + e.replyTo);
      quote.addEventListener('click', () => jumpTo(e.replyTo));
      box.appendChild(quote);
    }
    box.appendChild(el('div', 'text', e.text));
    if (e.deleted) box.appendChild(el('div', 'removed', 'removed (已删除)'));
    if (!e.deleted && e.buttons && e.buttons.length) {
      const row = el('div', 'buttons');
      for (const b of e.buttons) {
        const btn = el('button', 'inline', b.text);
        btn.type = 'button';
        btn.addEventListener('click', () => act('press', { message: e.id, button: b.data }));
        row.appendChild(btn);
      }
      box.appendChild(row);
    }
    return box;
  }

  function signature(e) {
    return (e.deleted ? 'D' : 'L') + '\u0000' + e.text + '\u0000' + JSON.stringify(e.buttons || []);
  }

  function nearBottom(box) { return box.scrollHeight - box.scrollTop - box.clientHeight < 60; }

  function applyTranscript(data) {
    const box = $('transcript');
    const stick = nearBottom(box);
    for (const e of data.entries) {
      const sig = signature(e);
      const old = state.entries.get(e.id);
      if (old) {
        if (old.sig === sig) continue;
        const fresh = renderEntry(e);
        box.replaceChild(fresh, old.el);
        state.entries.set(e.id, { entry: e, el: fresh, sig });
      } else {
        const node = renderEntry(e);
        box.appendChild(node);
        state.entries.set(e.id, { entry: e, el: node, sig });
      }
    }
    if (typeof data.through === 'number' && data.through > state.lastSeq) state.lastSeq = data.through;
    state.info = data;
    $('empty').hidden = state.entries.size > 0;
    renderSide();
    if (stick) box.scrollTop = box.scrollHeight;
  }

  async function poll() {
    if (!state.group) return;
    const gen = state.gen;
    try {
      // Each poll gets the new lines and the older ones edited or deleted since the last one.
      const q = '?after=' + state.lastSeq + (state.me ? '&member=' + encodeURIComponent(state.me) : '');
      const data = await api('GET', groupPath('transcript') + q);
      if (gen !== state.gen) return;
      if (state.epoch !== null && data.epoch !== state.epoch) { state.epoch = data.epoch; resetTranscript(); pollSoon(); return; }
      state.epoch = data.epoch;
      if (state.offline) { state.offline = false; notify('Connected again (已重新连接)', 'info'); }
      applyTranscript(data);
    } catch (err) {
      if (gen !== state.gen) return;
      if (err.status) { notifyError(err); return; }
      if (!state.offline) { state.offline = true; notify('Connection lost, retrying… (连接中断，重试中)', 'error'); }
    }
  }

  // One poll at a time: a request made while one is in flight runs right after it.
  async function tick() {
    state.timer = null;
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    try { await poll(); } finally {
      state.busy = false;
      const delay = state.again ? 0 : POLL_MS;
      state.again = false;
      if (!state.timer) state.timer = setTimeout(tick, delay);
    }
  }

  function pollSoon() {
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(tick, 0);
  }

  // ---- side panel ------------------------------------------------------------------------

  function personList(ul, names, decorate) {
    ul.replaceChildren();
    if (!names.length) { ul.appendChild(el('li', 'none', 'none (无)')); return; }
    for (const name of names) {
      const li = el('li', name === state.me ? 'me' : '', name);
      if (decorate) decorate(li, name);
      li.addEventListener('click', () => setMe(name));
      ul.appendChild(li);
    }
  }

  function renderSide() {
    const info = state.info;
    const g = state.groups.find((x) => x.id === state.group);
    $('group-title').textContent = (info && info.title) || (g && g.title) || '—';
    $('group-id').textContent = state.group ? 'id: ' + state.group : '';
    if (!info) return;
    const admins = new Set(info.admins || []);
    const muted = new Set(info.muted || []);
    personList($('members'), info.members || [], (li, name) => {
      if (admins.has(name)) li.appendChild(el('span', 'tag admin', '★ admin (管理员)'));
      if (muted.has(name)) li.appendChild(el('span', 'tag muted', 'muted (禁言)'));
    });
    $('member-count').textContent = '(' + (info.members || []).length + ')';
    personList($('muted'), info.muted || []);
    personList($('banned'), info.banned || []);
    const pinned = $('pinned');
    pinned.replaceChildren();
    if (info.pinned) {
      const item = state.entries.get(info.pinned);
      const link = el('a', 'pin-link', '#' + info.pinned + (item ? ' — ' + snippet(item.entry) : ''));
      link.href = '#';
      link.addEventListener('click', (ev) => { ev.preventDefault(); jumpTo(info.pinned); });
      pinned.appendChild(link);
    } else {
      pinned.textContent = 'none (无)';
    }
    const inGroup = !!state.me && (info.members || []).includes(state.me);
    $('me-state').textContent = !state.me ? 'No member chosen (未选择成员)'
      : state.me + (inGroup ? ' is a member (已加入)' : ' is not a member (未加入)');
    $('join').disabled = inGroup;
    $('request').disabled = inGroup;
    $('leave').disabled = !inGroup;
    refreshNames();
  }

  function refreshNames() {
    const names = new Set();
    for (const g of state.groups) for (const m of g.members || []) names.add(m);
    if (state.info) for (const m of state.info.members || []) names.add(m);
    const list = $('member-names');
    list.replaceChildren();
    for (const n of [...names].sort()) { const o = document.createElement('option'); o.value = n; list.appendChild(o); }
  }

  // ---- identity, group, composer ---------------------------------------------------------

  // Forgets what is shown so the next poll reads the whole transcript (another member's view, a restarted bot).
  function resetTranscript() {
    state.gen++;
    state.entries.clear();
    state.lastSeq = 0;
    $('transcript').replaceChildren();
  }

  function setMe(name) {
    const t = (name || '').trim().slice(0, 64);
    const changed = t !== state.me;
    state.me = t;
    $('member').value = t;
    if (t) localStorage.setItem('qunzhu.member', t); else localStorage.removeItem('qunzhu.member');
    if (changed && state.group) {
      // Some lines are for one member only: read the transcript again as the new member sees it.
      resetTranscript();
      renderSide();
      pollSoon();
      return;
    }
    for (const item of state.entries.values()) item.el.classList.toggle('own', !!t && item.entry.author === t);
    renderSide();
  }

  function selectGroup(id) {
    state.group = id;
    localStorage.setItem('qunzhu.group', id);
    resetTranscript();
    state.info = null;
    setReply(null);
    renderSide();
    pollSoon();
  }

  function setReply(id) {
    state.replyTo = id;
    $('replying').hidden = !id;
    if (id) {
      const item = state.entries.get(id);
      $('replying-text').textContent = 'Replying to (回复) #' + id + (item ? ' ' + whoOf(item.entry) + ': ' + snippet(item.entry) : '');
      $('text').focus();
    }
  }

  async function send() {
    const input = $('text');
    const text = input.value;
    if (!text.trim()) return;
    const body = { text };
    if (state.replyTo) body.reply_to = state.replyTo;
    $('send').disabled = true;
    try {
      if (await act('messages', body)) { input.value = ''; setReply(null); }
    } finally {
      $('send').disabled = false;
      input.focus();
    }
  }

  async function loadGroups() {
    try {
      const data = await api('GET', 'groups');
      state.groups = data.groups || [];
    } catch (err) {
      notify('Cannot load groups (无法加载群列表): ' + err.message, 'error');
      setTimeout(loadGroups, 3000);
      return;
    }
    const select = $('group');
    select.replaceChildren();
    for (const g of state.groups) {
      const o = document.createElement('option');
      o.value = g.id;
      o.textContent = g.title === g.id ? g.id : g.title + ' (' + g.id + ')';
      select.appendChild(o);
    }
    const wanted = state.groups.some((g) => g.id === state.group) ? state.group : (state.groups[0] || {}).id;
    if (wanted) { select.value = wanted; selectGroup(wanted); }
  }

  function wire() {
    $('member').value = state.me;
    $('member').addEventListener('change', (ev) => setMe(ev.target.value));
    $('group').addEventListener('change', (ev) => selectGroup(ev.target.value));
    $('composer').addEventListener('submit', (ev) => { ev.preventDefault(); send(); });
    $('text').addEventListener('keydown', (ev) => {
      // Enter sends; Shift+Enter is a new line; Enter that commits an IME composition does not send.
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) { ev.preventDefault(); send(); }
    });
    $('reply-cancel').addEventListener('click', () => setReply(null));
    $('join').addEventListener('click', () => act('join'));
    $('leave').addEventListener('click', () => act('leave'));
    $('request').addEventListener('click', async () => {
      const comment = $('comment').value.trim();
      if (await act('request', comment ? { comment } : {})) $('comment').value = '';
    });
    loadGroups();
  }

  wire();
})();
