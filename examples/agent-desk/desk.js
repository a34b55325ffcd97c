// The agent desk's questions to the engine: from a case (see cases/*.json) and the desk's
// `now` and language, the requests of every operation the page shows, and their answers.
// Nothing here computes a figure: requests carry the case's facts, and where one answer
// feeds another (the evidence's completeness into the recommendation, a refund's expected
// instant into the goodwill offer) the value is the engine's own.
// No import: the page and the tests pass in an Engine of the package.

/** Whether instant `a` is at or before instant `b` (both RFC 3339). */
export const atOrBefore = (a, b) => Date.parse(a) <= Date.parse(b);

/** Runs one operation; an error becomes { error: { code, path, message } }. */
function ask(engine, operation, input) {
  try {
    return { operation, input, answer: engine.call(operation, input) };
  } catch (e) {
    return { operation, input, error: { code: e.code ?? 'page.error', path: e.path ?? '.', message: String(e.message ?? e) } };
  }
}

/** The ticket's log as the desk sees it at `now`: messages masked, events after `now` left out. */
function ticketAnswers(engine, kase, now, locale) {
  const log = (kase.ticket?.log ?? []).filter((e) => atOrBefore(e.at, now));
  if (log.length === 0) return { log: [], redactions: [], triage: null, sla: null, replay: null };
  const redactions = log.map((e) => (e.type === 'message' ? ask(engine, 'privacy.redact', { text: e.text }) : null));
  const created = log.find((e) => e.type === 'created');
  const first = log.findIndex((e) => e.type === 'message' && e.author === 'customer');
  const triage = first < 0 || redactions[first].error ? null : ask(engine, 'ticket.triage', {
    channel: created?.ticket.channel ?? 'web_form',
    text: redactions[first].answer.text,
    locale,
    ...(kase.triage ?? {}),
  });
  // The clocks run on the log as stored: the masked messages.
  const stored = log.map((e, i) => (redactions[i]?.answer ? { ...e, text: redactions[i].answer.text } : e));
  const sla = ask(engine, 'sla.status', { log: stored, now });
  const replay = ask(engine, 'ticket.replay', { log: stored });
  return { log: stored, redactions, triage, sla, replay };
}

/** The refund decision, and where each payment's money is at `now`. */
function moneyAnswers(engine, kase, now, locale) {
  const name = kase.customer?.name;
  const refund = kase.refund
    ? ask(engine, 'refund.evaluate', { now, locale, customer: kase.customer ?? {}, ...kase.refund })
    : null;
  const payments = (kase.payments ?? []).map(({ id, ...facts }) => ({
    id,
    ...ask(engine, 'payment.where_is_my_money', {
      ...facts,
      history: facts.history.filter((h) => atOrBefore(h.at, now)),
      now,
      locale,
      ...(name ? { customer_name: name } : {}),
    }),
  }));
  const decline = kase.decline
    ? ask(engine, 'payment.explain_decline', { locale, ...(name ? { customer_name: name } : {}), ...kase.decline })
    : null;
  const retry = kase.retry ? ask(engine, 'payment.retry', { now, ...kase.retry }) : null;
  const duplicates = kase.monitor?.duplicates
    ? ask(engine, 'monitor.duplicates', {
      ...kase.monitor.duplicates, now, locale,
      events: kase.monitor.duplicates.events.filter((e) => atOrBefore(e.at, now)),
    })
    : null;
  const stuck = kase.monitor?.stuck
    ? ask(engine, 'monitor.stuck', { now, locale, items: kase.monitor.stuck })
    : null;
  return { refund, payments, decline, retry, duplicates, stuck };
}

/** The dispute: category, respond_by, the evidence checklist and the recommendation. */
function disputeAnswers(engine, kase, now, locale) {
  const d = kase.dispute;
  if (!d) return null;
  const classify = ask(engine, 'dispute.classify', { network: d.network, code: d.code, stage: d.stage, locale });
  const deadline = ask(engine, 'dispute.deadline', {
    network: d.network, stage: d.stage, stage_started_at: d.stage_started_at,
    ...(d.due_by ? { due_by: d.due_by } : {}), now, locale,
  });
  const evidence = ask(engine, 'dispute.evidence', {
    network: d.network, code: d.code, product_type: d.product_type, have: d.have ?? [], locale,
  });
  const recommend = evidence.error ? null : ask(engine, 'dispute.recommend', {
    network: d.network, code: d.code, stage: d.stage, amount: d.amount, refunds: d.refunds ?? [],
    evidence_bp: evidence.answer.completeness_bp, locale,
  });
  return { classify, deadline, evidence, recommend };
}

/** The incident as the scheme reads it: a late refund's expected instant comes from its timeline. */
function incident(kase, money) {
  const { from_refund_timeline, ...rest } = kase.goodwill.incident;
  if (!from_refund_timeline) return rest;
  const timeline = money.payments.find((p) => p.id === from_refund_timeline);
  const expected = timeline?.answer?.expected_by;
  return expected ? { ...rest, from_refund: { expected_by: expected } } : null;
}

function goodwillAnswer(engine, kase, now, locale, money) {
  if (!kase.goodwill) return null;
  const facts = incident(kase, money);
  if (facts === null) return null;
  const { incident: _, ...rest } = kase.goodwill;
  return ask(engine, 'compensation.offer', { ...rest, incident: facts, now, locale });
}

function faqAnswer(engine, kase, now, locale) {
  if (!kase.faq) return null;
  const name = kase.customer?.name;
  return ask(engine, 'faq.answer', { ...kase.faq, now, locale, ...(name ? { customer_name: name } : {}) });
}

/** The desk's clock and calendar: `now` in the calendar's local time. */
function clockAnswer(engine, calendar, now) {
  return ask(engine, 'calendar.is_open', { calendar, now });
}

/** Every answer the desk shows for `kase` at `now` in `locale`. */
export function answers(engine, kase, now, locale) {
  const ticket = ticketAnswers(engine, kase, now, locale);
  const money = moneyAnswers(engine, kase, now, locale);
  const calendar = ticket.sla?.answer?.calendar ?? kase.calendar ?? 'sao_paulo';
  return {
    now,
    locale,
    calendar,
    clock: clockAnswer(engine, calendar, now),
    ticket,
    money,
    dispute: disputeAnswers(engine, kase, now, locale),
    goodwill: goodwillAnswer(engine, kase, now, locale, money),
    faq: faqAnswer(engine, kase, now, locale),
  };
}

/**
 * The business calendar over the timeline's window, as the engine answers it: whether the
 * desk is open at each step (`calendar.is_open`), and each day's holiday as its trace names it.
 */
export function calendarStrip(engine, calendar, from, to, stepMinutes = 30) {
  const slots = [];
  const step = stepMinutes * 60_000;
  for (let t = Date.parse(from); t < Date.parse(to); t += step) {
    const at = new Date(t).toISOString().replace('.000Z', 'Z');
    const r = ask(engine, 'calendar.is_open', { calendar, now: at });
    if (r.error) return { error: r.error, slots: [] };
    const note = r.answer.receipt.trace.find((s) => s.step === 'calendar.is_open')?.detail ?? '';
    slots.push({ at, open: r.answer.open, local: r.answer.local_time, note });
  }
  return { slots };
}
