// "Return or refund this order" and a checkout's payment step: the Recourse engine in the
// page, no bundler, no server round trip. The page reads the clock (the engine never does)
// and passes `now` in; money stays in decimal strings from the order to the screen.
import { Engine, RecourseError } from 'recourse-payments';

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
    pay_title: 'Checkout: payment', pay_total: 'Total', card: 'Test card', pay: 'Pay',
    approved: 'Payment approved. Thank you!', declined: 'Payment declined',
    next_step: 'Next step', alternatives: 'Pay another way',
    not_before: (when) => `(not before ${when})`, chosen: (method) => `${method}: we will take you there.`,
    pay_failed: 'We could not read the bank\'s answer. Please try again, or pay another way.',
    cards: { approved: 'approved', funds: 'declined, insufficient funds', blocked: 'declined, blocked', later: 'declined, try again later', unreadable: 'an answer the page cannot read' },
    steps: {
      use_another_method: 'Pay another way.', authenticate: 'Confirm the payment with your bank (3-D Secure) and try again.',
      fix_card_data: 'Check the card details and try again.', update_card: 'Use the card\'s new details and try again.',
      contact_issuer: 'Contact your bank, or pay another way.', retry_later: 'Try again later.',
      retry_later_or_another_method: 'Try again later, or pay another way.', retry_shortly: 'Try again in a moment.',
      check_for_duplicate: 'Check whether the payment already went through before paying again.',
      stop_recurring: 'The recurring payment is stopped; please contact us.',
    },
    methods: { pix: 'Pix', boleto: 'Boleto', another_card: 'Another card', wallet: 'Digital wallet' },
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
    pay_title: 'Finalizar compra: pagamento', pay_total: 'Total', card: 'Cartão de teste', pay: 'Pagar',
    approved: 'Pagamento aprovado. Obrigado!', declined: 'Pagamento recusado',
    next_step: 'Próximo passo', alternatives: 'Pague de outra forma',
    not_before: (when) => `(não antes de ${when})`, chosen: (method) => `${method}: vamos levar você até lá.`,
    pay_failed: 'Não conseguimos ler a resposta do banco. Tente de novo ou pague de outra forma.',
    cards: { approved: 'aprovado', funds: 'recusado, saldo insuficiente', blocked: 'recusado, bloqueado', later: 'recusado, tente mais tarde', unreadable: 'uma resposta que a página não consegue ler' },
    steps: {
      use_another_method: 'Pague de outra forma.', authenticate: 'Confirme o pagamento com o seu banco (3-D Secure) e tente de novo.',
      fix_card_data: 'Confira os dados do cartão e tente de novo.', update_card: 'Use os dados novos do cartão e tente de novo.',
      contact_issuer: 'Fale com o seu banco ou pague de outra forma.', retry_later: 'Tente de novo mais tarde.',
      retry_later_or_another_method: 'Tente de novo mais tarde ou pague de outra forma.', retry_shortly: 'Tente de novo em instantes.',
      check_for_duplicate: 'Veja se o pagamento já foi feito antes de pagar de novo.',
      stop_recurring: 'A cobrança recorrente foi interrompida; fale conosco.',
    },
    methods: { pix: 'Pix', boleto: 'Boleto', another_card: 'Outro cartão', wallet: 'Carteira digital' },
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
    pay_title: 'Finalizar compra: pago', pay_total: 'Total', card: 'Tarjeta de prueba', pay: 'Pagar',
    approved: 'Pago aprobado. ¡Gracias!', declined: 'Pago rechazado',
    next_step: 'Siguiente paso', alternatives: 'Paga de otra forma',
    not_before: (when) => `(no antes de ${when})`, chosen: (method) => `${method}: te llevamos allí.`,
    pay_failed: 'No pudimos leer la respuesta del banco. Inténtalo de nuevo o paga de otra forma.',
    cards: { approved: 'aprobada', funds: 'rechazada, fondos insuficientes', blocked: 'rechazada, bloqueada', later: 'rechazada, inténtalo más tarde', unreadable: 'una respuesta que la página no puede leer' },
    steps: {
      use_another_method: 'Paga de otra forma.', authenticate: 'Confirma el pago con tu banco (3-D Secure) e inténtalo de nuevo.',
      fix_card_data: 'Revisa los datos de la tarjeta e inténtalo de nuevo.', update_card: 'Usa los datos nuevos de la tarjeta e inténtalo de nuevo.',
      contact_issuer: 'Comunícate con tu banco o paga de otra forma.', retry_later: 'Inténtalo de nuevo más tarde.',
      retry_later_or_another_method: 'Inténtalo más tarde o paga de otra forma.', retry_shortly: 'Inténtalo de nuevo en un momento.',
      check_for_duplicate: 'Comprueba si el pago ya se hizo antes de pagar de nuevo.',
      stop_recurring: 'El cobro recurrente se detuvo; contáctanos.',
    },
    methods: { pix: 'Pix', boleto: 'Boleto', another_card: 'Otra tarjeta', wallet: 'Billetera digital' },
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
    pay_title: 'Ολοκλήρωση αγοράς: πληρωμή', pay_total: 'Σύνολο', card: 'Δοκιμαστική κάρτα', pay: 'Πληρωμή',
    approved: 'Η πληρωμή εγκρίθηκε. Ευχαριστούμε!', declined: 'Η πληρωμή απορρίφθηκε',
    next_step: 'Επόμενο βήμα', alternatives: 'Πληρώστε με άλλο τρόπο',
    not_before: (when) => `(όχι πριν από ${when})`, chosen: (method) => `${method}: σας μεταφέρουμε εκεί.`,
    pay_failed: 'Δεν μπορέσαμε να διαβάσουμε την απάντηση της τράπεζας. Δοκιμάστε ξανά ή πληρώστε με άλλο τρόπο.',
    cards: { approved: 'εγκρίνεται', funds: 'απορρίπτεται, ανεπαρκές υπόλοιπο', blocked: 'απορρίπτεται, μπλοκαρισμένη', later: 'απορρίπτεται, δοκιμάστε αργότερα', unreadable: 'μια απάντηση που η σελίδα δεν μπορεί να διαβάσει' },
    steps: {
      use_another_method: 'Πληρώστε με άλλο τρόπο.', authenticate: 'Επιβεβαιώστε την πληρωμή με την τράπεζά σας (3-D Secure) και δοκιμάστε ξανά.',
      fix_card_data: 'Ελέγξτε τα στοιχεία της κάρτας και δοκιμάστε ξανά.', update_card: 'Χρησιμοποιήστε τα νέα στοιχεία της κάρτας και δοκιμάστε ξανά.',
      contact_issuer: 'Επικοινωνήστε με την τράπεζά σας ή πληρώστε με άλλο τρόπο.', retry_later: 'Δοκιμάστε ξανά αργότερα.',
      retry_later_or_another_method: 'Δοκιμάστε ξανά αργότερα ή πληρώστε με άλλο τρόπο.', retry_shortly: 'Δοκιμάστε ξανά σε λίγο.',
      check_for_duplicate: 'Ελέγξτε αν η πληρωμή έγινε ήδη πριν πληρώσετε ξανά.',
      stop_recurring: 'Η επαναλαμβανόμενη χρέωση σταμάτησε· επικοινωνήστε μαζί μας.',
    },
    methods: { pix: 'Pix', boleto: 'Boleto', another_card: 'Άλλη κάρτα', wallet: 'Ψηφιακό πορτοφόλι' },
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

// The checkout's test cards, as a processor's test mode hands them out: each card number
// stands for the facts its decline would carry (network response code, the processor's own
// code, Mastercard's merchant advice code). An approved card has no decline.
const cart = { id: 'A-1002', total: { amount: '89.90', currency: 'BRL' } };
const TEST_CARDS = [
  { id: 'approved', brand: 'Visa', number: '4242424242424242', decline: null },
  {
    id: 'funds', brand: 'Visa', number: '4000000000009995',
    decline: { network: 'visa', response_code: '51', processor: { processor: 'stripe', decline_code: 'insufficient_funds' } },
  },
  {
    id: 'blocked', brand: 'Visa', number: '4100000000000019',
    decline: { network: 'visa', response_code: '59', processor: { processor: 'stripe', decline_code: 'fraudulent' } },
  },
  {
    id: 'later', brand: 'Mastercard', number: '5105105105105100',
    decline: { network: 'mastercard', response_code: '51', advice_code: '24' },
  },
  // A malformed answer (a merchant advice code on a Visa decline): the engine refuses it.
  {
    id: 'unreadable', brand: 'Visa', number: '4000000000000069',
    decline: { network: 'visa', response_code: '05', advice_code: '03' },
  },
];

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
  $('greeting').textContent = out.greeting ?? '';
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

// The checkout's payment step: the chosen test card either goes through or declines, and a
// decline is explained by `payment.explain_decline` in the visitor's language, at the
// page's `now` (the engine never reads a clock).
function renderPayForm() {
  const t = UI[locale];
  $('cart-id').textContent = cart.id;
  $('cart-total').textContent = money(cart.total);
  const value = $('card').value;
  $('card').replaceChildren(...TEST_CARDS.map((card) =>
    new Option(`${card.brand} •••• ${card.number.slice(-4)} · ${t.cards[card.id]}`, card.id)));
  if (value) $('card').value = value;
}

function declineRequest(card) {
  return { declined_at: now, locale, customer_name: 'Marina', ...card.decline };
}

function showPayError(text, detail) {
  $('pay-error').replaceChildren(text);
  if (detail) $('pay-error').append(' ', Object.assign(document.createElement('code'), { textContent: detail }));
  $('pay-error').hidden = false;
  $('payment').hidden = true;
}

function pay() {
  const t = UI[locale];
  $('pay-error').hidden = true;
  $('chosen').hidden = true;
  const card = TEST_CARDS.find((c) => c.id === $('card').value) ?? TEST_CARDS[0];
  if (!card.decline) {
    $('payment-outcome').textContent = t.approved;
    $('payment-outcome').className = 'outcome-approve';
    $('decline').hidden = true;
    $('payment').hidden = false;
    return;
  }
  let out;
  try {
    out = engine.call('payment.explain_decline', declineRequest(card));
  } catch (e) {
    // Never a blank step: the visitor reads what happened, support reads the code.
    return showPayError(t.pay_failed, e instanceof RecourseError ? `${e.code} at ${e.path}` : String(e));
  }
  $('payment-outcome').textContent = t.declined;
  $('payment-outcome').className = 'outcome-deny';
  $('decline-text').textContent = out.customer_text;
  $('next-step').textContent = t.steps[out.next_step] ?? out.next_step;
  $('next-step').dataset.step = out.next_step;
  $('not-before').textContent = out.not_before
    ? t.not_before(new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Sao_Paulo',
    }).format(new Date(out.not_before)))
    : '';
  $('alternatives').replaceChildren(...out.alternatives.map((method) => {
    const li = document.createElement('li');
    const button = Object.assign(document.createElement('button'), {
      type: 'button', textContent: t.methods[method] ?? method,
    });
    button.dataset.method = method;
    button.addEventListener('click', () => {
      $('chosen').textContent = t.chosen(button.textContent);
      $('chosen').hidden = false;
    });
    li.append(button);
    return li;
  }));
  $('decline').hidden = false;
  $('payment').hidden = false;
}

$('locale').addEventListener('change', () => {
  locale = $('locale').value;
  renderForm();
  renderPayForm();
  if (!$('decision').hidden) evaluate();
  if (!$('payment').hidden || !$('pay-error').hidden) pay();
});
$('request').addEventListener('submit', (event) => {
  event.preventDefault();
  evaluate();
});
$('pay-form').addEventListener('submit', (event) => {
  event.preventDefault();
  pay();
});
renderForm();
renderPayForm();
$('submit').disabled = false;
$('pay').disabled = false;
$('widget').setAttribute('aria-busy', 'false');
$('checkout').setAttribute('aria-busy', 'false');
