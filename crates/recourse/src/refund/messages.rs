//! Every reason as a sentence a support agent can send as it is, in English, Brazilian
//! Portuguese, Spanish and Greek, addressed to the customer by name when the name is known.
//!
//! Sentences never blame or expose the customer (a risk flag reads as "a member of our team
//! will review your request"). Amounts and dates are written the way each language writes
//! them: `1,234.56 BRL`, `R$ 1.234,56`, `1.234,56 €`; dates as `17 March 2026` or `17/03/2026`.

use chrono::{Datelike, NaiveDate};

use super::decision::ReasonCode;
use super::policy::Remedy;
use crate::comms::Locale;
use crate::money::Money;

/// The values a sentence may mention.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Args {
    pub amount: Option<Money>,
    pub other: Option<Money>,
    pub date: Option<NaiveDate>,
    pub count: Option<u32>,
    pub requested: Option<u32>,
    pub remedy: Option<Remedy>,
    pub min_days: Option<u32>,
    pub max_days: Option<u32>,
}

/// Renders `code` in `locale`, addressed to `name` when given.
pub(crate) fn render(code: ReasonCode, locale: Locale, name: Option<&str>, args: &Args) -> String {
    let template = template(code, locale, args.remedy);
    let mut out = String::with_capacity(template.len() + 32);
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    if let Some(name) = name {
        out.push_str(name);
        out.push_str(", ");
    }
    let mut rest = template;
    let mut first = name.is_some();
    while let Some(open) = rest.find('{') {
        let (text, tail) = rest.split_at(open);
        push_text(&mut out, text, &mut first);
        let Some(close) = tail.find('}') else {
            push_text(&mut out, tail, &mut first);
            return out;
        };
        let key = tail.get(1..close).unwrap_or("");
        push_value(&mut out, key, locale, args);
        first = false;
        rest = tail.get(close + 1..).unwrap_or("");
    }
    push_text(&mut out, rest, &mut first);
    out
}

/// Appends text; the sentence's first letter goes lower case after the name.
fn push_text(out: &mut String, text: &str, lower_first: &mut bool) {
    if *lower_first {
        let mut chars = text.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
            out.push_str(chars.as_str());
            *lower_first = false;
        }
    } else {
        out.push_str(text);
    }
}

fn push_value(out: &mut String, key: &str, locale: Locale, args: &Args) {
    match key {
        "amount" => push_money(out, args.amount, locale),
        "other" => push_money(out, args.other, locale),
        "date" => {
            if let Some(d) = args.date {
                out.push_str(&date(d, locale));
            }
        }
        "count" => push_digits(out, u128::from(args.count.unwrap_or(0)), None, 1),
        "requested" => push_digits(out, u128::from(args.requested.unwrap_or(0)), None, 1),
        "min" => push_digits(out, u128::from(args.min_days.unwrap_or(0)), None, 1),
        "max" => push_digits(out, u128::from(args.max_days.unwrap_or(0)), None, 1),
        "remedy" => out.push_str(remedy_noun(args.remedy.unwrap_or(Remedy::Refund), locale)),
        _ => {}
    }
}

fn push_money(out: &mut String, money: Option<Money>, locale: Locale) {
    if let Some(m) = money {
        out.push_str(&format_money(&m, locale));
    }
}

/// Money as the language writes it.
pub(crate) fn format_money(money: &Money, locale: Locale) -> String {
    let (group, decimal) = match locale {
        Locale::En => (',', '.'),
        Locale::PtBr | Locale::Es | Locale::El => ('.', ','),
    };
    let code = money.currency().code();
    let exponent = money.currency().exponent();
    let minor = money.to_minor();
    let mut out = String::with_capacity(24);
    let brl_pt = locale == Locale::PtBr && code == "BRL";
    if brl_pt {
        out.push_str("R$ ");
    }
    if minor < 0 {
        out.push('-');
    }
    let abs = minor.unsigned_abs();
    let scale = 10_u128.pow(exponent);
    push_digits(&mut out, abs / scale, Some(group), 0);
    if exponent > 0 {
        out.push(decimal);
        push_digits(&mut out, abs % scale, None, exponent as usize);
    }
    if !brl_pt {
        if matches!(locale, Locale::Es | Locale::El) && code == "EUR" {
            out.push_str(" €");
        } else {
            out.push(' ');
            out.push_str(code);
        }
    }
    out
}

/// Writes `n` in decimal, grouped by thousands with `group`, zero-padded to `width`.
fn push_digits(out: &mut String, n: u128, group: Option<char>, width: usize) {
    let mut digits = [0_u8; 40];
    let mut len = 0;
    // Most amounts fit 64 bits, where division is cheap.
    match u64::try_from(n) {
        Ok(mut small) => {
            while len < digits.len() && (small > 0 || len == 0 || len < width) {
                if let Some(d) = digits.get_mut(len) {
                    *d = b'0' + (small % 10) as u8;
                }
                small /= 10;
                len += 1;
            }
        }
        Err(_) => {
            let mut big = n;
            while len < digits.len() && (big > 0 || len == 0 || len < width) {
                if let Some(d) = digits.get_mut(len) {
                    *d = b'0' + (big % 10) as u8;
                }
                big /= 10;
                len += 1;
            }
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits.get(i).copied().unwrap_or(b'0')));
        if i > 0 && i % 3 == 0 {
            if let Some(g) = group {
                out.push(g);
            }
        }
    }
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn iso_date(d: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_digits(&mut out, u128::try_from(d.year()).unwrap_or(0), None, 4);
    out.push('-');
    push_digits(&mut out, u128::from(d.month()), None, 2);
    out.push('-');
    push_digits(&mut out, u128::from(d.day()), None, 2);
    out
}

fn date(d: NaiveDate, locale: Locale) -> String {
    let mut out = String::with_capacity(20);
    match locale {
        Locale::En => {
            push_digits(&mut out, u128::from(d.day()), None, 1);
            out.push(' ');
            out.push_str(MONTHS_EN.get(d.month0() as usize).unwrap_or(&""));
            out.push(' ');
            push_digits(&mut out, u128::try_from(d.year()).unwrap_or(0), None, 4);
        }
        Locale::PtBr | Locale::Es | Locale::El => {
            push_digits(&mut out, u128::from(d.day()), None, 2);
            out.push('/');
            push_digits(&mut out, u128::from(d.month()), None, 2);
            out.push('/');
            push_digits(&mut out, u128::try_from(d.year()).unwrap_or(0), None, 4);
        }
    }
    out
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) fn remedy_noun(remedy: Remedy, locale: Locale) -> &'static str {
    use Locale::{El, En, Es, PtBr};
    use Remedy::{Exchange, Refund, Repair, Replacement, StoreCredit};
    match (remedy, locale) {
        (Refund, En) => "a refund",
        (Refund, PtBr) => "reembolso",
        (Refund, Es) => "reembolso",
        (Refund, El) => "επιστροφή χρημάτων",
        (StoreCredit, En) => "store credit",
        (StoreCredit, PtBr) => "crédito na loja",
        (StoreCredit, Es) => "crédito para la tienda",
        (StoreCredit, El) => "πίστωση καταστήματος",
        (Exchange, En) => "an exchange",
        (Exchange, PtBr) => "troca",
        (Exchange, Es) => "cambio",
        (Exchange, El) => "αλλαγή",
        (Replacement, En) => "a replacement",
        (Replacement, PtBr) => "substituição",
        (Replacement, Es) => "sustitución",
        (Replacement, El) => "αντικατάσταση",
        (Repair, En) => "a repair",
        (Repair, PtBr) => "conserto",
        (Repair, Es) => "reparación",
        (Repair, El) => "επισκευή",
    }
}

const REVIEW: [&str; 4] = [
    "A member of our team will review your request and get back to you shortly.",
    "Um membro da nossa equipe vai analisar sua solicitação e responder em breve.",
    "Un miembro de nuestro equipo revisará tu solicitud y te responderá en breve.",
    "Ένα μέλος της ομάδας μας θα εξετάσει το αίτημά σας και θα σας απαντήσει σύντομα.",
];

/// The template of a code: `[en, pt-BR, es, el]`.
fn template(code: ReasonCode, locale: Locale, remedy: Option<Remedy>) -> &'static str {
    let all: [&'static str; 4] = match code {
        ReasonCode::WithinWindow => [
            "Your return is within the return window, which runs until {date}.",
            "Sua devolução está dentro do prazo, que vai até {date}.",
            "Tu devolución está dentro del plazo, que termina el {date}.",
            "Η επιστροφή σας είναι εντός της προθεσμίας, η οποία λήγει στις {date}.",
        ],
        ReasonCode::WindowExpired => [
            "The return window for this item closed on {date}, so we cannot accept the return.",
            "O prazo de devolução deste item terminou em {date}, por isso não podemos aceitar a devolução.",
            "El plazo de devolución de este artículo terminó el {date}, por lo que no podemos aceptar la devolución.",
            "Η προθεσμία επιστροφής για αυτό το προϊόν έληξε στις {date}, επομένως δεν μπορούμε να δεχτούμε την επιστροφή.",
        ],
        ReasonCode::NoWindow => [
            "Our return policy does not cover this item, so we cannot accept the return.",
            "Nossa política de devolução não cobre este item, por isso não podemos aceitar a devolução.",
            "Nuestra política de devoluciones no cubre este artículo, por lo que no podemos aceptar la devolución.",
            "Η πολιτική επιστροφών μας δεν καλύπτει αυτό το προϊόν, επομένως δεν μπορούμε να δεχτούμε την επιστροφή.",
        ],
        ReasonCode::FinalSale => [
            "This item was sold as final sale and cannot be returned.",
            "Este item foi vendido sem direito a troca ou devolução.",
            "Este artículo se vendió como venta final y no admite devolución.",
            "Αυτό το προϊόν πωλήθηκε χωρίς δικαίωμα επιστροφής.",
        ],
        ReasonCode::NonReturnable => [
            "This item cannot be returned under our policy.",
            "Este item não pode ser devolvido, conforme nossa política.",
            "Este artículo no se puede devolver según nuestra política.",
            "Σύμφωνα με την πολιτική μας, αυτό το προϊόν δεν επιστρέφεται.",
        ],
        ReasonCode::DigitalDownloaded => [
            "This digital item has already been downloaded, so it can no longer be returned.",
            "Este conteúdo digital já foi baixado, por isso não pode mais ser devolvido.",
            "Este contenido digital ya se ha descargado, por lo que ya no se puede devolver.",
            "Αυτό το ψηφιακό προϊόν έχει ήδη ληφθεί, επομένως δεν μπορεί πλέον να επιστραφεί.",
        ],
        ReasonCode::ConditionNotAccepted => [
            "We cannot accept this item back in its current condition.",
            "Não podemos aceitar a devolução deste item no estado em que ele se encontra.",
            "No podemos aceptar la devolución de este artículo en su estado actual.",
            "Δεν μπορούμε να δεχτούμε την επιστροφή αυτού του προϊόντος στην τρέχουσα κατάστασή του.",
        ],
        ReasonCode::ReasonNotAccepted => [
            "Our policy does not accept returns of this item for the reason given.",
            "Nossa política não aceita a devolução deste item pelo motivo informado.",
            "Nuestra política no acepta la devolución de este artículo por el motivo indicado.",
            "Η πολιτική μας δεν δέχεται την επιστροφή αυτού του προϊόντος για τον λόγο που αναφέρατε.",
        ],
        ReasonCode::NotReceivedBack => [
            "We have received {count} of the {requested} units you are returning, and we refund the ones we have received.",
            "Recebemos {count} das {requested} unidades que você está devolvendo e reembolsamos as que já chegaram.",
            "Hemos recibido {count} de las {requested} unidades que estás devolviendo y reembolsamos las que ya llegaron.",
            "Έχουμε παραλάβει {count} από τα {requested} τεμάχια που επιστρέφετε και σας επιστρέφουμε τα χρήματα για όσα έχουν φτάσει.",
        ],
        ReasonCode::AlreadyRefunded => [
            "This has already been refunded in full, so there is nothing more to refund.",
            "Este valor já foi reembolsado integralmente, então não há mais nada a reembolsar.",
            "Este importe ya se reembolsó por completo, así que no queda nada por reembolsar.",
            "Το ποσό αυτό έχει ήδη επιστραφεί ολόκληρο, οπότε δεν υπάρχει κάτι άλλο να επιστραφεί.",
        ],
        ReasonCode::CappedByLedger => [
            "Part of this purchase was already refunded, so we refund only what remains.",
            "Parte desta compra já foi reembolsada, por isso reembolsamos apenas o valor restante.",
            "Parte de esta compra ya se reembolsó, así que reembolsamos solo el importe restante.",
            "Μέρος αυτής της αγοράς έχει ήδη επιστραφεί, οπότε επιστρέφουμε μόνο το υπόλοιπο ποσό.",
        ],
        ReasonCode::RestockingFee => [
            "A restocking fee of {amount} applies to this item.",
            "Uma taxa de reposição de estoque de {amount} se aplica a este item.",
            "Se aplica a este artículo un cargo por reposición de {amount}.",
            "Για αυτό το προϊόν ισχύει τέλος επανατοποθέτησης στο απόθεμα ύψους {amount}.",
        ],
        ReasonCode::ReturnShippingFee => [
            "The return shipping cost of {amount} is deducted from your refund.",
            "O custo do frete de devolução, de {amount}, é descontado do seu reembolso.",
            "El coste del envío de devolución, de {amount}, se descuenta de tu reembolso.",
            "Το κόστος αποστολής της επιστροφής, {amount}, αφαιρείται από το ποσό που σας επιστρέφουμε.",
        ],
        ReasonCode::FeesWaivedMerchantFault => [
            "Since the problem was on our side, there is no fee and we cover the return shipping.",
            "Como o problema foi nosso, não há nenhuma taxa e nós pagamos o frete de devolução.",
            "Como el problema fue nuestro, no hay ningún cargo y nosotros pagamos el envío de devolución.",
            "Επειδή το πρόβλημα ήταν δικό μας, δεν υπάρχει καμία χρέωση και αναλαμβάνουμε εμείς τα έξοδα αποστολής της επιστροφής.",
        ],
        ReasonCode::ShippingRefunded => [
            "The original shipping of {amount} is refunded too.",
            "O frete original, de {amount}, também é reembolsado.",
            "También reembolsamos el envío original, de {amount}.",
            "Σας επιστρέφουμε επίσης τα αρχικά έξοδα αποστολής, {amount}.",
        ],
        ReasonCode::DuplicateCharge => [
            "We found a duplicate charge on your order and are refunding the full {amount}.",
            "Identificamos uma cobrança em duplicidade no seu pedido e vamos reembolsar integralmente o valor de {amount}.",
            "Detectamos un cobro duplicado en tu pedido y te reembolsaremos íntegramente el importe de {amount}.",
            "Εντοπίσαμε διπλή χρέωση στην παραγγελία σας και θα σας επιστρέψουμε ολόκληρο το ποσό των {amount}.",
        ],
        ReasonCode::AutoApproved => [
            "Your request has been approved.",
            "Sua solicitação foi aprovada.",
            "Tu solicitud ha sido aprobada.",
            "Το αίτημά σας εγκρίθηκε.",
        ],
        ReasonCode::ReviewAmount => [
            "Because of the amount, a member of our team will review your request and get back to you shortly.",
            "Devido ao valor, um membro da nossa equipe vai analisar sua solicitação e responder em breve.",
            "Debido al importe, un miembro de nuestro equipo revisará tu solicitud y te responderá en breve.",
            "Λόγω του ποσού, ένα μέλος της ομάδας μας θα εξετάσει το αίτημά σας και θα σας απαντήσει σύντομα.",
        ],
        ReasonCode::ReviewStanding
        | ReasonCode::ReviewFrequentRefunds
        | ReasonCode::ReviewRiskFlag
        | ReasonCode::ReviewRule => REVIEW,
        ReasonCode::Remedy => match remedy.unwrap_or(Remedy::Refund) {
            Remedy::Refund => [
                "We will refund {amount} to your original payment method.",
                "Vamos reembolsar {amount} na forma de pagamento original.",
                "Te reembolsaremos {amount} en el método de pago original.",
                "Θα σας επιστρέψουμε {amount} στον αρχικό τρόπο πληρωμής.",
            ],
            Remedy::StoreCredit => [
                "You will receive {amount} in store credit.",
                "Você vai receber {amount} em crédito na loja.",
                "Recibirás {amount} en crédito para la tienda.",
                "Θα λάβετε {amount} σε πίστωση για αγορές στο κατάστημά μας.",
            ],
            Remedy::Exchange => [
                "We will exchange the item for you.",
                "Vamos trocar o item para você.",
                "Te cambiaremos el artículo.",
                "Θα σας αλλάξουμε το προϊόν.",
            ],
            Remedy::Replacement => [
                "We will send you a replacement.",
                "Vamos enviar um item novo para substituir o seu.",
                "Te enviaremos un artículo de reemplazo.",
                "Θα σας στείλουμε ένα καινούργιο προϊόν στη θέση του.",
            ],
            Remedy::Repair => [
                "We will repair the item for you.",
                "Vamos consertar o item para você.",
                "Repararemos el artículo.",
                "Θα επισκευάσουμε το προϊόν.",
            ],
        },
        ReasonCode::RemedyNotOffered => [
            "We cannot offer {remedy} for this request.",
            "Não podemos oferecer {remedy} nesta solicitação.",
            "No podemos ofrecer {remedy} en esta solicitud.",
            "Δεν μπορούμε να προσφέρουμε {remedy} για αυτό το αίτημα.",
        ],
        ReasonCode::StoreCreditOffer => [
            "If you prefer, you can receive {amount} in store credit instead of a refund of {other}.",
            "Se preferir, você pode receber {amount} em crédito na loja em vez de um reembolso de {other}.",
            "Si lo prefieres, puedes recibir {amount} en crédito para la tienda en lugar de un reembolso de {other}.",
            "Αν προτιμάτε, μπορείτε να λάβετε {amount} σε πίστωση καταστήματος αντί για επιστροφή χρημάτων {other}.",
        ],
        ReasonCode::TimingCard => [
            "The refund of {amount} goes back to the card you paid with and usually appears within {min} to {max} business days, depending on your bank.",
            "O reembolso de {amount} volta para o cartão usado na compra e costuma aparecer em {min} a {max} dias úteis, dependendo do seu banco.",
            "El reembolso de {amount} vuelve a la tarjeta con la que pagaste y suele aparecer en un plazo de {min} a {max} días hábiles, según tu banco.",
            "Η επιστροφή των {amount} γίνεται στην κάρτα με την οποία πληρώσατε και συνήθως εμφανίζεται σε {min} έως {max} εργάσιμες ημέρες, ανάλογα με την τράπεζά σας.",
        ],
        ReasonCode::TimingPix => [
            "The refund of {amount} is sent instantly by Pix to the key you paid from.",
            "O reembolso de {amount} é feito na hora via Pix, para a mesma chave que fez o pagamento.",
            "El reembolso de {amount} se envía al instante por Pix a la clave desde la que pagaste.",
            "Η επιστροφή των {amount} αποστέλλεται αμέσως μέσω Pix στο κλειδί από το οποίο πληρώσατε.",
        ],
        ReasonCode::TimingBankDetails => [
            "To send you the refund of {amount}, we need your bank account details or a Pix key.",
            "Para enviar o reembolso de {amount}, precisamos dos dados da sua conta bancária ou de uma chave Pix.",
            "Para enviarte el reembolso de {amount}, necesitamos los datos de tu cuenta bancaria o una clave Pix.",
            "Για να σας στείλουμε την επιστροφή των {amount}, χρειαζόμαστε τα στοιχεία του τραπεζικού σας λογαριασμού ή ένα κλειδί Pix.",
        ],
        ReasonCode::TimingWallet => [
            "The refund of {amount} goes back through your wallet to the card or account that funded it, and takes as long as that source does.",
            "O reembolso de {amount} volta pela sua carteira digital para o cartão ou a conta que a abasteceu, no mesmo prazo dessa origem.",
            "El reembolso de {amount} vuelve a través de tu billetera digital a la tarjeta o cuenta que la financió, en el mismo plazo que esa fuente.",
            "Η επιστροφή των {amount} γίνεται μέσω του ψηφιακού σας πορτοφολιού στην κάρτα ή στον λογαριασμό που το χρηματοδότησε, στον ίδιο χρόνο με αυτή την πηγή.",
        ],
        ReasonCode::TimingBankTransfer => [
            "The refund of {amount} is sent by bank transfer to the account you paid from and usually arrives within {min} to {max} business days.",
            "O reembolso de {amount} é enviado por transferência bancária para a conta de origem e costuma chegar em {min} a {max} dias úteis.",
            "El reembolso de {amount} se envía por transferencia bancaria a la cuenta desde la que pagaste y suele llegar en {min} a {max} días hábiles.",
            "Η επιστροφή των {amount} αποστέλλεται με τραπεζική μεταφορά στον λογαριασμό από τον οποίο πληρώσατε και συνήθως φτάνει σε {min} έως {max} εργάσιμες ημέρες.",
        ],
        ReasonCode::TimingInstant => [
            "The {amount} is restored to your gift card or store credit right away.",
            "O valor de {amount} volta para o seu vale-presente ou crédito na loja imediatamente.",
            "El importe de {amount} vuelve a tu tarjeta regalo o crédito de la tienda de inmediato.",
            "Το ποσό των {amount} επιστρέφει αμέσως στη δωροκάρτα ή στην πίστωση καταστήματός σας.",
        ],
    };
    let [en, pt, es, el] = all;
    match locale {
        Locale::En => en,
        Locale::PtBr => pt,
        Locale::Es => es,
        Locale::El => el,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_sentence_in_every_locale() {
        for code in ReasonCode::ALL {
            for locale in Locale::ALL {
                for remedy in Remedy::ALL {
                    let text = template(*code, locale, Some(*remedy));
                    assert!(text.ends_with('.'), "{code:?} {locale:?}");
                    assert!(text.chars().next().is_some_and(char::is_uppercase));
                }
            }
        }
    }

    #[test]
    fn names_lead_and_amounts_follow_the_language() {
        let brl = Money::parse("1234.50", "BRL").unwrap();
        let args = Args {
            amount: Some(brl),
            ..Args::default()
        };
        assert_eq!(
            render(ReasonCode::DuplicateCharge, Locale::PtBr, Some("Marina"), &args),
            "Marina, identificamos uma cobrança em duplicidade no seu pedido e vamos reembolsar integralmente o valor de R$ 1.234,50."
        );
        assert_eq!(
            render(ReasonCode::DuplicateCharge, Locale::En, None, &args),
            "We found a duplicate charge on your order and are refunding the full 1,234.50 BRL."
        );
        let eur = Money::parse("5", "EUR").unwrap();
        assert_eq!(format_money(&eur, Locale::El), "5,00 €");
        let jpy = Money::parse("1234567", "JPY").unwrap();
        assert_eq!(format_money(&jpy, Locale::En), "1,234,567 JPY");
        let kwd = Money::parse("-1000.005", "KWD").unwrap();
        assert_eq!(format_money(&kwd, Locale::Es), "-1.000,005 KWD");
        let small = Money::parse("0.05", "BRL").unwrap();
        assert_eq!(format_money(&small, Locale::PtBr), "R$ 0,05");
        assert_eq!(
            format_money(&Money::parse("999.99", "USD").unwrap(), Locale::En),
            "999.99 USD"
        );
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(iso_date(d), "2026-03-07");
        assert_eq!(date(d, Locale::En), "7 March 2026");
        assert_eq!(date(d, Locale::El), "07/03/2026");
    }
}
