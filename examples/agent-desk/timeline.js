// Draws clocks and payment timelines as SVG over a business calendar. Every instant drawn is
// one the engine answered (a metric's events and due instant, a payment's statuses and
// expected window, the calendar's open slots and holidays); the page only places them.

const NS = 'http://www.w3.org/2000/svg';
const HEAD = 26;
const ROW = 30;

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}
const titled = (el, text) => { el.append(s('title', {}, text)); return el; };

/** The calendar strip: open slots shaded, holidays marked, a line and a date at each local midnight. */
/** The holiday a slot falls on, as the engine's trace names it, or null. */
const holidayOf = (slot) => /is a holiday \((.+)\)/.exec(slot.note);

/** Open hours and holidays shaded, one rectangle per run of adjacent slots alike. */
function shade(svg, slots, x, width, height) {
  const runs = [];
  slots.forEach((slot, i) => {
    const holiday = holidayOf(slot)?.[1] ?? null;
    const kind = holiday ? `holiday ${holiday}` : slot.open ? 'open' : null;
    const last = runs[runs.length - 1];
    if (!kind) return;
    if (last && last.kind === kind && last.to === i - 1) last.to = i;
    else runs.push({ kind, holiday, from: i, to: i });
  });
  for (const r of runs) {
    const left = x(slots[r.from].at);
    const attrs = { class: r.holiday ? 'holiday' : 'open', x: left, y: HEAD, width: x(slots[r.to].at) + width - left, height: height - HEAD };
    if (r.holiday) svg.append(titled(s('rect', { ...attrs, 'data-name': r.holiday }), `holiday: ${r.holiday}`));
    else svg.append(s('rect', attrs));
  }
}

function drawCalendar(svg, strip, x, height) {
  const slots = strip.slots;
  const width = slots.length > 1 ? x(slots[1].at) - x(slots[0].at) : 0;
  // The first day is named at the left edge unless its midnight is too close to it.
  const midnight = slots.find((slot) => /T00:00:00/.test(slot.local));
  if (slots.length && !/T00:00:00/.test(slots[0].local) && (!midnight || x(midnight.at) - x.left > 45)) {
    svg.append(s('text', { class: 'day-label', x: x.left + 3, y: 11 }, slots[0].local.slice(5, 10)));
  }
  const dayPx = slots.length > 1 ? (x(slots[1].at) - x(slots[0].at)) * (86_400_000 / (Date.parse(slots[1].at) - Date.parse(slots[0].at))) : 0;
  const roomy = dayPx > 70;
  // Days too narrow for a label each are named every `every` days.
  const every = dayPx > 0 ? Math.max(1, Math.ceil(44 / dayPx)) : 1;
  let day = 0;
  shade(svg, slots, x, width, height);
  slots.forEach((slot, i) => {
    const left = x(slot.at);
    const holiday = holidayOf(slot);
    const local = slot.local;
    if (/T\d\d:00:00/.test(local) && slots.length <= 96 && !/T00:00:00/.test(local)) {
      svg.append(s('text', { class: 'hour-label', x: left + 2, y: HEAD - 2 }, local.slice(11, 13)));
    }
    if (/T00:00:00/.test(local)) {
      svg.append(s('line', { class: 'day', x1: left, x2: left, y1: 0, y2: height }));
      const prev = slots[i - 1];
      if ((!prev || !/T00:00:00/.test(prev.local)) && day++ % every === 0) {
        svg.append(s('text', { class: 'day-label', x: left + 3, y: 11 }, local.slice(5, 10) + (holiday && roomy ? ' ★' : '')));
      }
    }
  });
}

function segment(svg, cls, x, a, b, y, meta = {}) {
  const x1 = x(a);
  // A span wholly outside the window is not drawn.
  if (x(b) - x1 < 0.01 && (x1 <= x.left || x1 >= x.right)) return;
  const x2 = Math.max(x(b), x1 + 1.5);
  svg.append(s('rect', { class: cls, x: x1, y: y - 5, width: x2 - x1, height: 10, ...meta }));
}

function diamond(svg, cls, cx, cy, title, meta = {}) {
  if (cx === null) return;
  const d = `M${cx},${cy - 8} L${cx + 8},${cy} L${cx},${cy + 8} L${cx - 8},${cy} Z`;
  svg.append(titled(s('path', { class: cls, d, ...meta }), title));
}

/**
 * A span of a clock on business time: thick where the calendar is open (the engine's open
 * slots), a thin line where it is closed and the clock does not move.
 */
function businessSegment(svg, cls, x, a, b, y, meta, strip) {
  if (x(b) - x(a) > 0.01) {
    svg.append(s('rect', { class: `${cls} closed-span`, x: x(a), y: y - 1, width: x(b) - x(a), height: 2, ...meta }));
  }
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  const slots = strip.slots;
  const step = slots.length > 1 ? Date.parse(slots[1].at) - Date.parse(slots[0].at) : 0;
  // Consecutive open slots make one run.
  const runs = [];
  for (const slot of slots) {
    const t = Date.parse(slot.at);
    if (!slot.open || t + step <= ta || t >= tb) continue;
    const last = runs[runs.length - 1];
    if (last && last[1] === t) last[1] = t + step;
    else runs.push([t, t + step]);
  }
  for (const [from, to] of runs) {
    segment(svg, cls, x, new Date(Math.max(from, ta)).toISOString(), new Date(Math.min(to, tb)).toISOString(), y, meta);
  }
}

/** One SLA clock: running and paused spans from its audit trail, its due instant, its breaches. */
function drawMetric(svg, m, x, y, now, strip) {
  let open = null;
  const meta = { 'data-metric': m.metric };
  const span = (kind, a, b) => (m.time === 'business' && kind !== 'paused' && strip.slots.length
    ? businessSegment(svg, kind, x, a, b, y, meta, strip) : segment(svg, kind, x, a, b, y, meta));
  for (const e of m.events) {
    if (open) span(open.kind, open.at, e.at);
    open = e.event === 'activate' ? { kind: 'running', at: e.at }
      : e.event === 'pause' ? { kind: 'paused', at: e.at }
        : e.event === 'breach' ? { kind: 'running late', at: e.at } : null;
  }
  if (open) span(open.kind, open.at, now);
  for (const e of m.events.filter((e) => e.event === 'fulfill' && x.mark(e.at) !== null)) {
    svg.append(titled(s('circle', { class: 'fulfill', cx: x(e.at), cy: y, r: 5, ...meta }), `fulfilled ${e.at}`));
  }
  if (m.due && !m.breached) diamond(svg, m.at_risk ? 'due at-risk' : 'due', x.mark(m.due), y, `due ${m.due}`, { ...meta, 'data-at': m.due });
  for (const e of m.events.filter((e) => e.event === 'breach')) {
    diamond(svg, 'breach', x.mark(e.at), y, `breached ${e.at}`, { ...meta, 'data-at': e.at });
  }
}

/** One payment: its statuses, the window its next step is expected in, how late it is. */
function drawPayment(svg, p, x, y, now) {
  const a = p.answer;
  if (a.expected_from && a.expected_by) {
    svg.append(titled(s('rect', { class: 'expected', x: x(a.expected_from), y: y - 7, width: Math.max(x(a.expected_by) - x(a.expected_from), 2), height: 14 }),
      `expected ${a.expected_from} to ${a.expected_by}`));
  }
  if (a.overdue && a.expected_by) segment(svg, 'running late', x, a.expected_by, now, y, { 'data-payment': '' });
  p.history.filter((h) => Date.parse(h.at) <= Date.parse(now)).forEach((h, i) => {
    svg.append(titled(s('circle', { class: 'status', cx: x(h.at), cy: y, r: 5 }), `${h.status} ${h.at}`));
    svg.append(s('text', { class: 'status-label', x: x(h.at) + 6, y: y - 8 + (i % 2) * 24 }, h.status));
  });
  if (a.expected_by) diamond(svg, a.overdue ? 'breach' : 'due', x.mark(a.expected_by), y, `expected by ${a.expected_by}`, { 'data-at': a.expected_by });
}

/** A dispute's deadline: every candidate the engine weighed, and the one that decides. */
function drawDeadline(svg, d, x, y) {
  for (const c of d.candidates) {
    if (x.mark(c.at) === null) continue;
    svg.append(titled(s('line', { class: `candidate ${c.kind}`, x1: x(c.at), x2: x(c.at), y1: y - 9, y2: y + 9, 'data-kind': c.kind }), `${c.kind} ${c.at} (${c.rule})`));
  }
  const cls = d.state === 'open' ? 'due' : 'breach';
  diamond(svg, cls, x.mark(d.respond_by), y, `respond by ${d.respond_by} (${d.rule})`, { 'data-at': d.respond_by, 'data-metric': 'respond_by' });
}

/** The escalation levels of a missed resolution: each where it is reached, red once it is. */
function drawEscalations(svg, escalations, x, y) {
  for (const e of escalations) {
    diamond(svg, e.reached ? 'breach' : 'due', x.mark(e.at), y, `escalation ${e.level}: ${e.notify} ${e.at}`, { 'data-at': e.at, 'data-metric': `escalation-${e.level}` });
  }
}

/**
 * Draws `rows` between `from` and `to` over `strip` into `container` (laid out already: its
 * width is the drawing's), with `now` marked.
 */
export function drawTimeline(container, { from, to, now, strip, rows, title, width = 1000, label: LABEL = 150 }) {
  // Drawn at the container's own width, so that text keeps its size at any screen width.
  const W = Math.max(Math.round(container.clientWidth || width), 320);
  const t0 = Date.parse(from);
  const t1 = Date.parse(to);
  const x = (at) => LABEL + Math.min(Math.max((Date.parse(at) - t0) / (t1 - t0), 0), 1) * (W - LABEL - 4);
  x.left = LABEL;
  x.right = W - 4;
  // A marker outside the window is not drawn (a span is cut at the window's edges).
  x.mark = (at) => (Date.parse(at) < t0 || Date.parse(at) > t1 ? null : x(at));
  const height = HEAD + rows.length * ROW + 6;
  const svg = s('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'xMinYMin meet' });
  svg.append(s('title', {}, title));
  drawCalendar(svg, strip, x, height);
  rows.forEach((row, i) => {
    const y = HEAD + i * ROW + ROW / 2;
    svg.append(s('line', { class: 'lane', x1: LABEL, x2: W, y1: y, y2: y }));
    svg.append(s('text', { class: 'row-label', x: 4, y: y + 4 }, row.label));
    if (row.metric) drawMetric(svg, row.metric, x, y, now, strip);
    if (row.payment) drawPayment(svg, row.payment, x, y, now);
    if (row.deadline) drawDeadline(svg, row.deadline, x, y);
    if (row.escalations) drawEscalations(svg, row.escalations, x, y);
  });
  const nx = x(now);
  svg.append(titled(s('line', { class: 'now', x1: nx, x2: nx, y1: 0, y2: height }), `now ${now}`));
  container.replaceChildren(svg);
}
