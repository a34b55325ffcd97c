// "Return or refund this order": the Recourse engine in the page, no bundler, no server
// round trip. The page reads the clock (the engine never does) and passes `now` in; money
// stays in decimal strings from the order to the screen.
import { Engine, RecourseError } from 'recourse';

const params = new URLSearchParams(location.search);
// `?now=` pins the clock (the test does); otherwise the visitor's clock.
const now = params.get('now') ?? new Date().toISOString();
const daysBefore = (iso, days) =>
  new Date(Date.parse(iso) - days * 86_400_000).toISOString().replace('.000Z', 'Z');

const UI = {
  en: {
    language: 'Language', title: 'Return or refund this order', order: 'Order',
    delivered: 'delivered', lines: 'Which items?', reason: 'Reason', condition: 'Condition',
    submit: 'See what I get back', decision: 'Decision', total: 'Total refund', why: 'Why',
    policy: 'Our return policy', receipt: 'Receipt', qty: 'Qty',
    item: 'Items', discount: 'Discount share', shipping: 'Shipping', tax: 'Tax',
    restocking_fee: 'Restocking fee', return_shipping_fee: 'Return shipping', capped: 'Already refunded',
    timing: (min, max) => `Expected in ${min}–${max} business days.`,
    instant: 'Expected within minutes.', pick: 'Pick at least one item.',
    outcomes: { approve: 'approved', partial: 'partly approved', deny: 'not approved', manual_review: 'under review' },
    reasons: { changed_mind: 'I changed my mind', defective: 'It is defective', not_as_described: 'Not as described', wrong_item: 'Wrong item', arrived_late: 'It arrived late' },
    conditions: { unopened: 'Unopened', opened: 'Opened', used: 'Used', damaged_on_arrival: 'Damaged on arrival' },
    products: { l1: 'Linen shirt', l2: 'Bluetooth speaker' },
  },
  'pt-BR': {
    language: 'Idioma', title: 'Devolver ou reembolsar este pedido', order: 'Pedido',
    delivered: 'entregue em', lines: 'Quais itens?', reason: 'Motivo', condition: 'Estado',
    submit: 'Ver quanto recebo', decision: 'Decisão', total: 'Total do reembolso', why: 'Por quê',
    policy: 'Nossa política de devolução', receipt: 'Recibo', qty: 'Qtd.',
    item: 'Itens', discount: 'Parte do desconto', shipping: 'Frete', tax: 'Impostos',
    restocking_fee: 'Taxa de reposição', return_shipping_fee: 'Frete de devolução', capped: 'Já reembolsado',
    timing: (min, max) => `Previsto em ${min} a ${max} dias úteis.`,
    instant: 'Previsto em minutos.', pick: 'Escolha pelo menos um item.',
    outcomes: { approve: 'aprovado', partial: 'aprovado em parte', deny: 'não aprovado', manual_review: 'em análise' },
    reasons: { changed_mind: 'Desisti da compra', defective: 'Veio com defeito', not_as_described: 'Diferente do anunciado', wrong_item: 'Item errado', arrived_late: 'Chegou atrasado' },
    conditions: { unopened: 'Lacrado', opened: 'Aberto', used: 'Usado', damaged_on_arrival: 'Chegou danificado' },
    products: { l1: 'Camisa de linho', l2: 'Caixa de som Bluetooth' },
  },
  es: {
    language: 'Idioma', title: 'Devolver o reembolsar este pedido', order: 'Pedido',
    delivered: 'entregado el', lines: '¿Qué artículos?', reason: 'Motivo', condition: 'Estado',
    submit: 'Ver cuánto recibo', decision: 'Decisión', total: 'Reembolso total', why: 'Por qué',
    policy: 'Nuestra política de devoluciones', receipt: 'Recibo', qty: 'Cant.',
    item: 'Artículos', discount: 'Parte del descuento', shipping: 'Envío', tax: 'Impuestos',
    restocking_fee: 'Cargo de reposición', return_shipping_fee: 'Envío de devolución', capped: 'Ya reembolsado',
    timing: (min, max) => `Previsto en ${min} a ${max} días hábiles.`,
    instant: 'Previsto en minutos.', pick: 'Elige al menos un artículo.',
    outcomes: { approve: 'aprobado', partial: 'aprobado en parte', deny: 'no aprobado', manual_review: 'en revisión' },
    reasons: { changed_mind: 'Cambié de opinión', defective: 'Está defectuoso', not_as_described: 'No es como se describía', wrong_item: 'Artículo equivocado', arrived_late: 'Llegó tarde' },
    conditions: { unopened: 'Sin abrir', opened: 'Abierto', used: 'Usado', damaged_on_arrival: 'Llegó dañado' },
    products: { l1: 'Camisa de lino', l2: 'Altavoz Bluetooth' },
  },
  el: {
    language: 'Γλώσσα', title: 'Επιστροφή ή αποζημίωση για αυτή την παραγγελία', order: 'Παραγγελία',
    delivered: 'παραδόθηκε', lines: 'Ποια είδη;', reason: 'Λόγος', condition: 'Κατάσταση',
    submit: 'Δείτε τι θα λάβετε', decision: 'Απόφαση', total: 'Συνολική επιστροφή', why: 'Γιατί',
    policy: 'Η πολιτική επιστροφών μας', receipt: 'Απόδειξη', qty: 'Ποσ.',
    item: 'Είδη', discount: 'Μερίδιο έκπτωσης', shipping: 'Μεταφορικά', tax: 'Φόροι',
    restocking_fee: 'Τέλος επανατοποθέτησης', return_shipping_fee: 'Μεταφορικά επιστροφής', capped: 'Ήδη επιστράφηκαν',
    timing: (min, max) => `Αναμένεται σε ${min}–${max} εργάσιμες ημέρες.`,
    instant: 'Αναμένεται σε λίγα λεπτά.', pick: 'Επιλέξτε τουλάχιστον ένα είδος.',
    outcomes: { approve: 'εγκρίθηκε', partial: 'εγκρίθηκε εν μέρει', deny: 'δεν εγκρίθηκε', manual_review: 'υπό εξέταση' },
    reasons: { changed_mind: 'Άλλαξα γνώμη', defective: 'Είναι ελαττωματικό', not_as_described: 'Δεν είναι όπως περιγράφεται', wrong_item: 'Λάθος είδος', arrived_late: 'Έφτασε με καθυστέρηση' },
    conditions: { unopened: 'Σφραγισμένο', opened: 'Ανοιγμένο', used: 'Χρησιμοποιημένο', damaged_on_arrival: 'Έφτασε κατεστραμμένο' },
    products: { l1: 'Λινό πουκάμισο', l2: 'Ηχείο Bluetooth' },
  },
};

// The order as the shop's backend would hand it over: dates relative to `now`.
const order = {
  id: 'A-1001',
  currency: 'BRL',
  purchased_at: daysBefore(now, 4),
  delivered_at: daysBefore(now, 2),
  lines: [
    { id: 'l1', category: 'apparel', quantity: 2, unit_price: { amount: '59.90', currency: 'BRL' } },
    { id: 'l2', category: 'electronics', quantity: 1, unit_price: { amount: '50.20', currency: 'BRL' } },
  ],
  discount: { amount: '10.00', currency: 'BRL' },
  shipping: { amount: '15.00', currency: 'BRL' },
  payments: [
    { id: 'ch_1', method: 'card', captured: { amount: '175.00', currency: 'BRL' }, captured_at: daysBefore(now, 4) },
  ],
};

const engine = new Engine();
const $ = (id) => document.getElementById(id);
let locale = params.get('lang') ?? 'en';
if (!UI[locale]) locale = 'en';
$('locale').value = locale;

// Exact decimal strings straight into Intl (no float on the way).
const money = (m) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency }).format(m.amount);
const date = (iso) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));

function renderForm() {
  const t = UI[locale];
  document.documentElement.lang = locale;
  for (const el of document.querySelectorAll('[data-i18n]')) {
    const text = t[el.dataset.i18n];
    if (typeof text === 'string') el.textContent = text;
  }
  $('order-id').textContent = order.id;
  $('delivered').textContent = date(order.delivered_at);
  const chosen = new Map([...document.querySelectorAll('#lines tr')].map((tr) => [
    tr.dataset.line, { on: tr.querySelector('input[type=checkbox]').checked, qty: tr.querySelector('input[type=number]').value },
  ]));
  $('lines').replaceChildren(...order.lines.map((line) => {
    const tr = document.createElement('tr');
    tr.dataset.line = line.id;
    const was = chosen.get(line.id);
    tr.innerHTML = `
      <td><label><input type="checkbox" id="pick-${line.id}"> <span></span></label></td>
      <td class="money"></td>
      <td><label>${t.qty} <input type="number" id="qty-${line.id}" min="1" max="${line.quantity}" value="${line.quantity}"></label></td>`;
    tr.querySelector('span').textContent = t.products[line.id];
    tr.querySelector('td.money').textContent = `${line.quantity} × ${money(line.unit_price)}`;
    if (was) {
      tr.querySelector('input[type=checkbox]').checked = was.on;
      tr.querySelector('input[type=number]').value = was.qty;
    }
    return tr;
  }));
  const fill = (select, labels) => {
    const value = select.value;
    select.replaceChildren(...Object.entries(labels).map(([key, label]) => new Option(label, key)));
    if (value) select.value = value;
  };
  fill($('reason'), t.reasons);
  fill($('condition'), t.conditions);
}

function request() {
  const lines = order.lines
    .filter((line) => $(`pick-${line.id}`).checked)
    .map((line) => ({ line_id: line.id, quantity: Number($(`qty-${line.id}`).value) }));
  return {
    now,
    locale,
    customer: { name: 'Marina' },
    order,
    request: { reason: $('reason').value, condition: $('condition').value, lines },
  };
}

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
  $('decision').hidden = true;
}

function evaluate() {
  const t = UI[locale];
  $('error').hidden = true;
  const input = request();
  if (input.request.lines.length === 0) return showError(t.pick);
  let out;
  let policy;
  try {
    out = engine.call('refund.evaluate', input);
    policy = policyText(out.policy);
  } catch (e) {
    if (e instanceof RecourseError) return showError(`${e.message} (${e.code} at ${e.path})`);
    throw e;
  }
  $('outcome').textContent = t.outcomes[out.outcome] ?? out.outcome;
  $('outcome').className = `outcome-${out.outcome}`;
  const rows = ['item', 'discount', 'tax', 'shipping', 'restocking_fee', 'return_shipping_fee', 'capped']
    .filter((k) => out.breakdown[k] && Number(out.breakdown[k].amount) !== 0)
    .map((k) => {
      const tr = document.createElement('tr');
      tr.dataset.part = k;
      const sign = ['discount', 'restocking_fee', 'return_shipping_fee', 'capped'].includes(k) ? '−' : '';
      tr.innerHTML = '<th></th><td></td>';
      tr.querySelector('th').textContent = t[k];
      tr.querySelector('td').textContent = sign + money(out.breakdown[k]);
      return tr;
    });
  $('breakdown').replaceChildren(...rows);
  $('total').textContent = money(out.breakdown.total);
  const timing = out.payments[0]?.timing;
  $('timing').textContent = !timing
    ? ''
    : timing.max_business_days === 0
      ? t.instant
      : t.timing(timing.min_business_days, timing.max_business_days);
  $('reasons').replaceChildren(...out.reasons.map((r) => {
    const li = document.createElement('li');
    li.textContent = r.message;
    li.dataset.code = r.code;
    return li;
  }));
  $('policy-name').textContent = out.policy;
  $('policy-text').replaceChildren(...policy);
  $('digest').textContent = out.receipt.input_digest;
  $('decision').hidden = false;
}

// The policy's customer-facing text in the visitor's language (`refund.disclose`).
function policyText(policy) {
  const out = engine.call('refund.disclose', { policy, locale, customer_name: 'Marina' });
  const node = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });
  const nodes = [node('h5', out.title)];
  for (const section of out.sections) {
    nodes.push(node('h6', section.heading));
    const list = document.createElement('ul');
    list.dataset.kind = section.kind;
    list.append(...section.clauses.map((clause) => node('li', clause.text)));
    nodes.push(list);
  }
  return nodes;
}

$('locale').addEventListener('change', () => {
  locale = $('locale').value;
  renderForm();
  if (!$('decision').hidden) evaluate();
});
$('request').addEventListener('submit', (event) => {
  event.preventDefault();
  evaluate();
});
renderForm();
$('submit').disabled = false;
$('widget').setAttribute('aria-busy', 'false');
