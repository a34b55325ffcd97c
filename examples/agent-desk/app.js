// The agent desk: one payment case whole, the Recourse engine in the page, no bundler, no
// server round trip. The page reads no clock of its own: `now` is the case's, moved by the
// agent. Every figure on the page is a field of an engine answer, shown as the engine wrote
// it; the page only picks which answers to ask for and draws them.
import { Engine } from 'recourse-payments';
import { answers, atOrBefore, calendarStrip } from './desk.js';
import { drawTimeline } from './timeline.js';

const engine = new Engine();
const $ = (id) => document.getElementById(id);
const STEP_MINUTES = 15;

/** An element: h('p', { class: 'x' }, 'text', child, ...). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}
const fill = (id, ...children) => $(id).replaceChildren(...children.flat(Infinity).filter((c) => c));

// --- how engine values read --------------------------------------------------------------
/** Money as the engine gives it: the decimal string and the currency, untouched. */
const money = (m) => (m ? h('span', { class: 'money' }, `${m.amount} ${m.currency}`) : '—');
/** An instant as the engine gives it, with its offset: `2026-11-17 11:00 −03:00`. */
function instant(at) {
  if (!at) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(at);
  const text = m ? `${m[1]} ${m[2]}${m[3] && m[3] !== '00' ? `:${m[3]}` : ''} ${m[4] === 'Z' ? 'UTC' : m[4]}` : at;
  return h('time', { datetime: at }, text);
}
/** Seconds the engine counted, in hours and minutes (the same quantity, another unit). */
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  const d = Math.floor(s / 86400);
  const hh = Math.floor((s % 86400) / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const text = `${sign}${d ? `${d} d ` : ''}${d || hh ? `${hh} h ` : ''}${mm} min`;
  return h('span', { class: 'duration', 'data-seconds': seconds, title: `${seconds} s` }, text);
}
const words = (code) => (code ? String(code).replaceAll('_', ' ') : '—');
const bp = (n) => (n === null || n === undefined ? '—' : h('span', { 'data-bp': n }, `${n} bp`));
const flag = (yes, good, bad, kind) => h('span', { class: `flag ${yes ? kind : 'ok'}` }, yes ? bad : good);

/** Key–value rows. */
function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(Boolean).map(([k, v, id]) => [h('dt', {}, k), h('dd', { id }, v)]));
}

/** The receipt of a decision, one click away. */
function receipt(result) {
  if (!result?.answer?.receipt) return null;
  const r = result.answer.receipt;
  return h('details', { class: 'receipt', dataset: { operation: result.operation } },
    h('summary', {}, `Receipt · ${r.operation}`),
    facts([
      ['input', h('code', {}, r.input_digest)],
      ['engine', h('code', {}, r.engine_fingerprint)],
      ['library', r.library_version],
      r.now ? ['now', instant(r.now)] : null,
    ]),
    h('ol', { class: 'trace' }, r.trace.map((s) => h('li', {}, h('code', {}, s.step), ' ', s.detail))),
    h('details', { class: 'request' }, h('summary', {}, 'Request'), h('pre', {}, JSON.stringify(result.input, null, 2))));
}

/** An engine error where its answer would be: the code and the path, never a blank. */
function problem(result) {
  return h('p', { class: 'problem', role: 'status' }, `${result.operation}: `, h('code', {}, result.error.code),
    ' at ', h('code', {}, result.error.path), ` — ${result.error.message}`);
}
const none = (text) => h('p', { class: 'none' }, text);

// --- state -------------------------------------------------------------------------------
const state = { kase: null, now: null, locale: 'pt-BR', from: 0, to: 0, strips: new Map() };

function strip(calendar, from, to, step) {
  const key = `${calendar} ${from} ${to} ${step}`;
  if (state.strips.size > 64) state.strips.clear();
  if (!state.strips.has(key)) state.strips.set(key, calendarStrip(engine, calendar, from, to, step));
  return state.strips.get(key);
}

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The case's window: its own, or from its first event to a week later. */
function windowOf(kase) {
  const first = kase.ticket?.log?.[0]?.at ?? kase.now;
  const from = kase.window?.from ?? first;
  const to = kase.window?.to ?? iso(Date.parse(from) + 7 * 86_400_000);
  return { from, to };
}

/** The SLA timeline's window: the whole case, or hours around `now` (a quarter before it). */
function zoomed() {
  const hours = $('zoom').value;
  if (hours === 'case') return { ...windowOf(state.kase), step: 30 };
  const span = Number(hours) * 3_600_000;
  const quarter = 15 * 60_000;
  const from = iso(Math.floor((Date.parse(state.now) - span / 4) / quarter) * quarter);
  return { from, to: iso(Date.parse(from) + span), step: 15 };
}

// --- sections ----------------------------------------------------------------------------
function renderLog(t) {
  const items = t.log.map((e, i) => {
    const red = t.redactions[i];
    if (e.type !== 'message') {
      return h('li', { class: 'event' }, instant(e.at), ' ', h('em', {}, e.type === 'created'
        ? `ticket ${e.ticket.id} created (${e.ticket.channel}, ${words(e.ticket.category)}, ${e.ticket.priority ?? ''})`
        : e.type === 'status_changed' ? `status → ${e.to}` : words(e.type)));
    }
    const found = red?.answer?.findings ?? [];
    return h('li', { class: `msg ${e.author}` },
      h('div', { class: 'who' }, h('strong', {}, e.author), ' ', instant(e.at),
        found.length ? h('span', { class: 'masked' }, ` masked: ${found.map((f) => words(f.kind)).join(', ')}`) : ''),
      h('p', {}, e.text), red?.error ? problem(red) : null);
  });
  fill('log', items.length ? items : [h('li', {}, 'No event before now.')]);
}

/** The ticket's state as the fold of its log (`ticket.replay`). */
function ticketState(t) {
  const r = t.replay;
  if (!r) return null;
  if (r.error) return problem(r);
  const a = r.answer.state;
  return [facts([
    ['Status', h('strong', {}, a.status), 'ticket-status'],
    ['Messages', `${a.customer_messages} from the customer, ${a.agent_replies} agent replies, ${a.reopens} reopens`],
    ['First reply', instant(a.first_reply_at)],
    ['Awaiting reply', a.awaiting_reply_since ? ['since ', instant(a.awaiting_reply_since)] : 'no'],
  ]), receipt(r)];
}

function renderTriage(t) {
  const r = t.triage;
  fill('ticket-state', ticketState(t));
  if (!r) return fill('triage', none('No customer message yet.'));
  if (r.error) return fill('triage', problem(r));
  const a = r.answer;
  fill('triage', facts([
    ['Category', h('strong', {}, words(a.category)), 'triage-category'],
    ['Priority', h('strong', {}, a.priority), 'triage-priority'],
    ['Because', a.priority_reasons.map((p) => `${words(p.rule)} (${p.priority})`).join(', ') || '—'],
    ['Chargeback risk', flag(a.chargeback_risk, 'no', 'yes', 'warn')],
  ]), a.questions.length ? h('div', {}, h('h4', {}, 'Still to ask'), h('ul', {}, a.questions.map((q) => h('li', {}, q.text)))) : null,
  receipt(r));
}

function slaRow(m) {
  const status = m.breached ? flag(true, '', 'breached', 'bad') : m.at_risk ? flag(true, '', 'at risk', 'warn') : words(m.state);
  return h('tr', { dataset: { metric: m.metric, state: m.state, breached: m.breached } },
    h('th', { scope: 'row' }, words(m.metric)), h('td', {}, status),
    h('td', {}, duration(m.target_seconds), ` ${m.time}`), h('td', {}, duration(m.elapsed_seconds)),
    h('td', {}, duration(m.remaining_seconds)), h('td', { class: 'due' }, instant(m.due)),
    h('td', {}, String(m.breaches)));
}

function renderSla(t, dispute, calendar) {
  const r = t.sla;
  if (!r || r.error) {
    fill('sla-head', r ? problem(r) : 'No ticket before now.');
    fill('sla-table'); fill('sla-receipt');
    const { from, to, step } = zoomed();
    drawTimeline($('sla-timeline'), { from, to, now: state.now, strip: strip(calendar, from, to, step), rows: [], title: `Calendar ${calendar}` });
    return;
  }
  const a = r.answer;
  fill('sla-head', `Policy `, h('strong', {}, a.policy ?? 'none'), ` on calendar `, h('strong', {}, a.calendar ?? '—'),
    ` · status ${a.status} · priority ${a.priority}`,
    a.escalations.length ? h('ul', { id: 'escalations' }, a.escalations.map((e) => h('li', { dataset: { level: e.level, reached: e.reached } },
      `Escalation ${e.level}: ${words(e.notify)} `, e.reached ? flag(true, '', 'told', 'bad') : 'at', ' ', instant(e.at)))) : null);
  fill('sla-table', h('thead', {}, h('tr', {}, ['Clock', 'State', 'Target', 'Elapsed', 'Left', 'Due', 'Breaches'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, a.metrics.map(slaRow)));
  const { from, to, step } = zoomed();
  drawTimeline($('sla-timeline'), {
    from, to, now: state.now, strip: strip(a.calendar, from, to, step),
    rows: [
      ...a.metrics.map((m) => ({ id: m.metric, label: words(m.metric), metric: m })),
      ...(a.escalations.length ? [{ id: 'escalations', label: 'escalations', escalations: a.escalations }] : []),
      ...(dispute?.deadline?.answer ? [{ id: 'respond_by', label: 'dispute: respond by', deadline: dispute.deadline.answer }] : []),
    ],
    title: `SLA clocks of ticket on calendar ${a.calendar}`,
  });
  fill('sla-receipt', receipt(r));
}

function renderRefund(m) {
  const r = m.refund;
  if (!r) return fill('refund', h('h3', {}, 'Refund'), none('No refund asked in this case.'));
  if (r.error) return fill('refund', h('h3', {}, 'Refund'), problem(r));
  const a = r.answer;
  const parts = Object.entries(a.breakdown).filter(([k]) => k !== 'total');
  fill('refund', h('h3', {}, 'Refund decision: ', h('span', { id: 'refund-outcome', class: `outcome ${a.outcome}` }, words(a.outcome))),
    h('table', { class: 'breakdown', id: 'breakdown' },
      h('caption', { class: 'visually-hidden' }, 'Refund breakdown'),
      h('tbody', {}, parts.map(([k, v]) => h('tr', { dataset: { part: k } }, h('th', { scope: 'row' }, words(k)), h('td', {}, money(v))))),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row' }, 'Total'), h('td', { id: 'refund-total' }, money(a.total))))),
    facts([
      ['Policy', a.policy],
      ['Remedy', [words(a.remedy.kind), ' ', money(a.remedy.amount ?? a.remedy.value)]],
      ['Alternatives', a.alternatives.length ? a.alternatives.map((x, i) => [i ? ', ' : '', words(x.kind), ' ', money(x.amount ?? x.value)]) : 'none'],
      ['Refund by', a.refund_by ? [instant(a.refund_by.at), ` (${a.refund_by.rule}; ${a.refund_by.source})`] : 'the policy sets no deadline', 'refund-by'],
    ]),
    h('ul', { class: 'destinations' }, a.payments.map((p) => h('li', { dataset: { payment: p.payment_id } },
      money(p.amount), ` to ${words(p.destination)} (${p.payment_id}) · `,
      p.timing.max_business_days === 0 ? 'at once' : `${p.timing.min_business_days}–${p.timing.max_business_days} business days`,
      p.timing.needs_bank_details ? ' · needs bank details' : ''))),
    receipt(r));
}

function paymentCard(p, kase) {
  if (p.error) return { card: h('article', { class: 'payment' }, h('h4', {}, p.id), problem(p)) };
  const a = p.answer;
  const given = (kase.payments ?? []).find((x) => x.id === p.id);
  const first = given?.history?.[0]?.at ?? a.since;
  const end = [a.expected_by, state.now].filter(Boolean).reduce((x, y) => (atOrBefore(x, y) ? y : x));
  const to = iso(Date.parse(end) + 2 * 86_400_000);
  const from = iso(Date.parse(first) - 12 * 3_600_000);
  const fig = h('div', { class: 'timeline small' });
  const draw = () => drawTimeline(fig, {
    from, to, now: state.now, strip: a.calendar ? strip(a.calendar, from, to, 60) : { slots: [] },
    rows: [{ id: p.id, label: a.calendar ? `${a.calendar}` : a.timeline_of, payment: { history: given?.history ?? [], answer: a } }],
    title: `Timeline of ${p.id}`,
    width: 600,
    label: 70,
  });
  const card = h('article', { class: 'payment', dataset: { payment: p.id, stage: a.stage } },
    h('h4', {}, `${p.id} · ${a.timeline_of} ${given?.flow ?? ''}`),
    facts([
      ['Where it is', h('strong', {}, words(a.stage)), null],
      ['Last status', [a.status, ' since ', instant(a.since)]],
      ['Expected', a.expected_from || a.expected_by ? [instant(a.expected_from), ' to ', instant(a.expected_by)] : '—'],
      ['Overdue', a.overdue ? flag(true, '', h('span', {}, 'by ', duration(a.overdue_by_seconds)), 'bad') : flag(false, 'no')],
      ['Rule', [a.rule, h('br'), h('small', {}, a.source)]],
      ['Agent', a.agent_text],
    ]), fig, receipt(p));
  return { card, draw };
}

function renderPayments(m) {
  const cards = m.payments.map((p) => paymentCard(p, state.kase));
  fill('payments', h('h3', {}, 'Where is the money'),
    cards.length ? cards.map((c) => c.card) : none('No payment in this case.'));
  // Drawn once laid out, at their own width.
  cards.forEach((c) => c.draw?.());
}

function renderDecline(m) {
  const parts = [];
  if (m.decline) {
    const d = m.decline;
    parts.push(h('h3', {}, 'Decline'), d.error ? problem(d) : facts([
      ['Reason', h('strong', {}, words(d.answer.reason)), 'decline-reason'],
      ['Class', words(d.answer.class)],
      ['Next step', words(d.answer.next_step), 'decline-next'],
      ['Alternatives', d.answer.alternatives.map(words).join(', ')],
      ['Agent', d.answer.agent_text],
    ]), receipt(d));
  }
  if (m.retry) {
    const r = m.retry;
    parts.push(h('h4', {}, 'Charge the card again?'), r.error ? problem(r) : facts([
      ['Decision', [h('strong', {}, words(r.answer.decision)), r.answer.not_before ? [' ', instant(r.answer.not_before)] : ''], 'retry-decision'],
      ['Rule', r.answer.rule],
      ...r.answer.checks.map((c) => [words(c.rule), [words(c.decision), c.limit !== null ? ` (${c.counted} of ${c.limit})` : '', c.not_before ? [' ', instant(c.not_before)] : '']]),
    ]), receipt(r));
  }
  fill('decline', parts);
}

function alertItem(alert, extra) {
  return h('li', { class: `alert ${alert.severity}`, dataset: { kind: alert.kind } },
    h('strong', {}, `${words(alert.kind)} (${alert.severity})`), ` ${alert.ids.join(', ')}`, extra,
    h('p', {}, 'Payment team: ', alert.payment_team), h('p', {}, 'Support: ', alert.support_team));
}

function renderMonitor(m) {
  const parts = [];
  if (m.duplicates) {
    const r = m.duplicates;
    parts.push(h('h3', {}, 'Monitor: duplicate charges'), r.error ? problem(r) : r.answer.groups.length
      ? h('ul', { class: 'alerts' }, r.answer.groups.map((g) => alertItem(g.alert,
        [' · ', money(g.amount), ` · kept ${g.kept}; `, g.duplicates.map((d) => `${d.id} ${d.seconds_after} s after`).join(', ')])))
      : none('No duplicate found.'), receipt(r));
  }
  if (m.stuck) {
    const r = m.stuck;
    parts.push(h('h3', {}, 'Monitor: stuck payments and refunds'), r.error ? problem(r) : r.answer.alerts.length
      ? h('ul', { class: 'alerts' }, r.answer.alerts.map((x) => alertItem(x.alert,
        [' · ', words(x.stage), ' · due ', instant(x.due_at), ' · late ', duration(x.overdue_by_seconds)])))
      : none(`Nothing stuck among ${r.answer.checked} checked.`), receipt(r));
  }
  fill('monitor', parts);
}

function renderDispute(d) {
  if (!d) return fill('dispute-body', none('No dispute in this case.'));
  const { classify: c, deadline: dl, evidence: ev, recommend: rec } = d;
  const parts = [];
  parts.push(c.error ? problem(c) : [facts([
    ['Category', h('strong', {}, words(c.answer.category)), 'dispute-category'],
    ['Reason code', `${c.answer.network} ${c.answer.code} — ${c.answer.title}`],
    ['Stage', [h('strong', {}, words(state.kase.dispute.stage)), ' → then ', c.answer.next.map(words).join(', ') || 'none'], 'dispute-stage'],
    ['Flow', `${words(c.answer.flow)} · ${c.answer.fightable ? 'can be fought' : 'cannot be fought'}`],
  ]), receipt(c)]);
  parts.push(h('h3', {}, 'Respond by'), dl.error ? problem(dl) : [
    facts([
      ['Respond by', [h('strong', {}, instant(dl.answer.respond_by)), ` · ${words(dl.answer.state)}`], 'respond-by'],
      ['Set by', `${dl.answer.set_by} (${dl.answer.rule})`, 'respond-by-rule'],
      ['Time left', duration(dl.answer.seconds_left)],
      ['Outside deadline', [instant(dl.answer.outside_deadline), ' · ', duration(dl.answer.outside_seconds_left), ' left']],
      ['At risk', flag(dl.answer.at_risk, 'no', 'yes', 'warn')],
    ]),
    h('table', { class: 'candidates' }, h('caption', {}, 'Provenance: every deadline weighed'),
      h('thead', {}, h('tr', {}, ['Kind', 'At', 'Rule and source'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, dl.answer.candidates.map((k) => h('tr', { class: k.rule === dl.answer.rule ? 'chosen' : '' },
        h('td', {}, k.kind), h('td', {}, instant(k.at)), h('td', {}, h('code', {}, k.rule), h('br'), h('small', {}, k.source)))))),
    receipt(dl)]);
  parts.push(h('h3', {}, 'Evidence ', ev.error ? '' : h('span', { id: 'evidence-score' }, `(completeness ${ev.answer.completeness_bp} bp)`)),
    ev.error ? problem(ev) : [h('ul', { class: 'checklist', id: 'evidence' }, ev.answer.items.map((i) =>
      h('li', { class: i.have ? 'have' : `missing ${i.level}`, dataset: { key: i.key, have: i.have } },
        h('span', { class: 'mark', 'aria-hidden': 'true' }, i.have ? '✓' : '✗'), ` ${words(i.key)} `,
        h('small', {}, i.have ? `(${i.level}, have)` : `(${i.level}, missing)`)))), receipt(ev)]);
  if (rec) {
    parts.push(h('h3', {}, 'Recommendation'), rec.error ? problem(rec) : [facts([
      ['Action', h('strong', { class: `action ${rec.answer.action}` }, words(rec.answer.action)), 'recommend-action'],
      ['At stake', money(rec.answer.at_stake)],
      ['Refunded', money(rec.answer.refunded)],
      ['Win rate', [bp(rec.answer.win_rate_bp), ' · effective ', bp(rec.answer.effective_win_bp)]],
    ]), h('table', { class: 'scenarios', id: 'scenarios' }, h('caption', {}, 'Expected loss of each option'),
      h('tbody', {}, rec.answer.scenarios.map((s) => h('tr', { dataset: { action: s.action } }, h('th', { scope: 'row' }, words(s.action)), h('td', {}, money(s.expected_loss)))))),
    h('ul', {}, rec.answer.reasons.map((x) => h('li', {}, x.agent))), receipt(rec)]);
  }
  fill('dispute-body', parts);
}

function renderGoodwill(g) {
  if (!g) return fill('goodwill-body', none('No goodwill incident in this case.'));
  if (g.error) return fill('goodwill-body', problem(g));
  const a = g.answer;
  fill('goodwill-body', facts([
    ['Outcome', h('strong', {}, words(a.outcome)), 'goodwill-outcome'],
    ['Offer', a.offer ? [words(a.offer.kind), ' ', money(a.offer.value), a.offer.expires_at ? [' · expires ', instant(a.offer.expires_at)] : ''] : '—', 'goodwill-offer'],
    ['Instead', a.alternatives.length ? a.alternatives.map((x, i) => [i ? ', ' : '', words(x.kind), ' ', money(x.value)]) : 'none'],
    ['Incident', `${words(a.kind)}, severity ${a.severity} · tier ${a.tier ?? '—'} · scheme ${a.scheme}`],
    ['Approval', a.approval ? [h('strong', {}, a.approval.required), a.approval.needed ? ' must approve (above the caller)' : ' (the caller may grant it)'] : '—', 'goodwill-approval'],
    ['Budget spent', money(a.assumed.budget_spent)],
  ]), h('table', { class: 'caps' }, h('caption', {}, 'Caps: the customer\'s earlier goodwill per period'),
    h('thead', {}, h('tr', {}, ['Rule', 'Days', 'Count', 'Amount'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, a.assumed.windows.map((w) => h('tr', {}, h('td', {}, h('code', {}, w.rule)), h('td', {}, String(w.days)), h('td', {}, String(w.count)), h('td', {}, money(w.amount)))))),
  h('ul', {}, a.reasons.map((x) => h('li', {}, h('code', {}, x.rule), ' ', x.agent))), receipt(g));
}

/** Every sentence for the customer, from the answers, each with where it comes from. */
function sentences(all) {
  const out = [];
  const add = (from, text, id) => text && out.push({ from, text, id });
  const tr = all.ticket.triage?.answer;
  tr?.questions.forEach((q) => add('ticket.triage · ask', q.text, `ask-${q.code}`));
  const rf = all.money.refund?.answer;
  if (rf) { add('refund.evaluate', rf.greeting, 'refund-greeting'); rf.reasons.forEach((x) => add('refund.evaluate', x.message, `refund-${x.code}`)); }
  all.money.payments.forEach((p) => add(`payment.where_is_my_money · ${p.id}`, p.answer?.customer_text, `wimm-${p.id}`));
  add('payment.explain_decline', all.money.decline?.answer?.customer_text, 'decline');
  const d = all.dispute;
  if (d) {
    d.deadline.answer?.reasons.forEach((x) => add('dispute.deadline', x.customer, `deadline-${x.code}`));
    d.recommend?.answer?.reasons.forEach((x) => add('dispute.recommend', x.customer, `recommend-${x.code}`));
  }
  const g = all.goodwill?.answer;
  if (g?.reasons.length) add('compensation.offer', g.reasons[g.reasons.length - 1].customer, 'goodwill');
  return out.filter((s, i) => out.findIndex((t) => t.text === s.text) === i);
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = h('textarea', { 'aria-hidden': 'true', class: 'offscreen' }, text);
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = 'Copied';
  $('copied').textContent = 'Copied to the clipboard.';
  setTimeout(() => { button.textContent = 'Copy'; }, 1500);
}

function renderSay(all) {
  const list = sentences(all);
  fill('sentences', list.length ? list.map((s) => h('li', { dataset: { id: s.id }, lang: all.locale },
    h('p', {}, s.text), h('div', { class: 'from' }, h('small', {}, s.from),
      h('button', { type: 'button', class: 'copy', 'aria-label': `Copy: ${s.text.slice(0, 60)}`, onclick: (e) => copy(s.text, e.currentTarget) }, 'Copy'))))
    : [h('li', {}, 'Nothing to say yet.')]);
  const f = all.faq;
  if (!f) return fill('faq', none('No question in this case.'));
  if (f.error) return fill('faq', problem(f));
  fill('faq', h('article', { class: 'faq', lang: all.locale, dataset: { entry: f.answer.id } },
    h('h4', {}, f.answer.question), h('p', { id: 'faq-answer' }, f.answer.answer),
    h('div', { class: 'from' }, h('small', {}, `${f.answer.id} · ${f.answer.category} · ${f.answer.confidence} · rules ${f.answer.rules.join(', ')}`),
      h('button', { type: 'button', class: 'copy', 'aria-label': 'Copy the FAQ answer', onclick: (e) => copy(f.answer.answer, e.currentTarget) }, 'Copy')),
    receipt(f)));
}

// --- the desk ----------------------------------------------------------------------------
function render() {
  const all = answers(engine, state.kase, state.now, state.locale);
  const local = all.clock.answer?.local_time ?? state.now;
  $('now-local').replaceChildren(instant(local), all.clock.answer ? ` · desk ${all.clock.answer.open ? 'open' : 'closed'} (${all.calendar})` : '');
  $('now-at').value = local;
  renderLog(all.ticket);
  renderTriage(all.ticket);
  renderSla(all.ticket, all.dispute, all.calendar);
  renderRefund(all.money);
  renderPayments(all.money);
  renderDecline(all.money);
  renderMonitor(all.money);
  renderDispute(all.dispute);
  renderGoodwill(all.goodwill);
  renderSay(all);
  document.documentElement.dataset.now = state.now;
}

function setNow(at) {
  state.now = at;
  const range = $('now-range');
  range.value = String(Math.round((Date.parse(at) - state.from) / (STEP_MINUTES * 60_000)));
  render();
}

function openCase(kase) {
  state.kase = kase;
  const { from, to } = windowOf(kase);
  state.from = Date.parse(from);
  state.to = Date.parse(to);
  const range = $('now-range');
  range.max = String(Math.floor((state.to - state.from) / (STEP_MINUTES * 60_000)));
  $('case-title').textContent = kase.title ?? kase.id ?? 'Pasted case';
  $('case-summary').textContent = kase.summary ?? '';
  state.locale = kase.locale ?? state.locale;
  $('zoom').value = ['case', '24', '8'].includes(String(kase.zoom)) ? String(kase.zoom) : 'case';
  $('locale').value = state.locale;
  setNow(kase.now);
}

async function loadCase(id) {
  const res = await fetch(`cases/${id}.json`);
  return res.json();
}

async function main() {
  const ids = await (await fetch('cases/index.json')).json();
  const cases = await Promise.all(ids.map(loadCase));
  const pick = $('case-pick');
  pick.replaceChildren(...cases.map((c, i) => h('option', { value: String(i) }, c.title)), h('option', { value: 'pasted', disabled: true }, 'Pasted case'));
  pick.addEventListener('change', () => { if (pick.value !== 'pasted') openCase(cases[Number(pick.value)]); });
  $('locale').addEventListener('change', () => { state.locale = $('locale').value; render(); });
  $('zoom').addEventListener('change', render);
  let resizing = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizing);
    resizing = setTimeout(render, 150);
  });
  $('now-range').addEventListener('input', () => {
    setNow(iso(state.from + Number($('now-range').value) * STEP_MINUTES * 60_000));
  });
  $('now-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const at = $('now-at').value.trim();
    const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(at) && !Number.isNaN(Date.parse(at));
    $('now-error').hidden = ok;
    $('now-error').textContent = ok ? '' : 'Write an instant such as 2026-11-17T11:10:00-03:00.';
    if (ok) setNow(at);
  });
  $('now-reset').addEventListener('click', () => setNow(state.kase.now));
  $('paste-text').value = JSON.stringify(cases[0], null, 2);
  $('paste-form').addEventListener('submit', (e) => {
    e.preventDefault();
    let kase;
    try {
      kase = JSON.parse($('paste-text').value);
      if (typeof kase !== 'object' || kase === null || typeof kase.now !== 'string') throw new Error('a case needs at least `now`');
    } catch (err) {
      $('paste-error').hidden = false;
      $('paste-error').textContent = `This is not a case: ${err.message}`;
      return;
    }
    $('paste-error').hidden = true;
    pick.value = 'pasted';
    openCase(kase);
    $('case').focus();
  });
  // `?case=<id>` opens one of the examples first.
  const wanted = new URLSearchParams(location.search).get('case');
  const start = Math.max(0, cases.findIndex((c) => c.id === wanted));
  pick.value = String(start);
  openCase(cases[start]);
  $('desk').setAttribute('aria-busy', 'false');
}

main();
