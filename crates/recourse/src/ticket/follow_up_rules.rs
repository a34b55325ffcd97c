//! `tickets.follow_up`: the rules that plan a follow-up after a ticket is solved, their
//! purposes and the surveys they send (configuration only; `ticket.follow_up` applies them).

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::model::{Category, Channel};
use crate::comms::Locale;

/// `tickets.follow_up`: first matching rule wins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpConfig {
    /// The rules, in order.
    #[serde(default)]
    pub rules: Vec<FollowUpRule>,
}

/// One follow-up rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRule {
    /// The id answers cite.
    pub id: String,
    /// The category is one of these (any when empty).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The ticket's channel is one of these (any when empty).
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Hours after the ticket was solved, in calendar time.
    pub after_hours: u32,
    /// The channel to follow up through; the ticket's own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Channel>,
    /// What the follow-up checks.
    pub purpose: Purpose,
    /// The satisfaction survey to send.
    pub survey: Survey,
}

/// What a follow-up checks with the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// That the refund reached the customer's account.
    ConfirmRefundArrived,
    /// That the duplicate charge is gone from the statement.
    ConfirmDuplicateReversed,
    /// That a retried payment went through.
    ConfirmPaymentCompleted,
    /// Whether the bank has closed the dispute.
    DisputeOutcome,
    /// That everything is sorted out.
    ConfirmResolved,
}

impl Purpose {
    /// The message to the customer.
    pub fn text(self, locale: Locale) -> &'static str {
        let texts = match self {
            Self::ConfirmRefundArrived => [
                "We are checking in: has your refund reached your account?",
                "Passando para confirmar: o seu reembolso já apareceu na sua conta?",
                "Te escribimos para confirmar: ¿ya ves el reembolso en tu cuenta?",
                "Επικοινωνούμε για να επιβεβαιώσουμε: έχει εμφανιστεί η επιστροφή χρημάτων στον λογαριασμό σας;",
            ],
            Self::ConfirmDuplicateReversed => [
                "Has the duplicate charge disappeared from your statement?",
                "A cobrança duplicada já sumiu da sua fatura?",
                "¿Ya desapareció el cargo duplicado de tu extracto?",
                "Έχει αφαιρεθεί η διπλή χρέωση από την κατάστασή σας;",
            ],
            Self::ConfirmPaymentCompleted => [
                "Did your payment go through this time?",
                "O seu pagamento foi concluído desta vez?",
                "¿Se completó tu pago esta vez?",
                "Ολοκληρώθηκε η πληρωμή σας αυτή τη φορά;",
            ],
            Self::DisputeOutcome => [
                "Has your bank closed the dispute on this charge?",
                "O seu banco já encerrou a contestação desta cobrança?",
                "¿Tu banco ya cerró la disputa de este cargo?",
                "Έχει κλείσει η τράπεζά σας την αμφισβήτηση αυτής της χρέωσης;",
            ],
            Self::ConfirmResolved => [
                "Is everything sorted out now?",
                "Está tudo resolvido agora?",
                "¿Está todo resuelto ahora?",
                "Έχουν λυθεί όλα τώρα;",
            ],
        };
        locale.pick(texts)
    }
}

/// A satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Survey {
    /// Customer satisfaction, 1 to 5.
    Csat,
    /// Net Promoter Score, 0 to 10.
    Nps,
    /// Customer effort score, 1 to 7.
    Ces,
    /// No survey.
    None,
}

impl Survey {
    /// The lowest and highest answer.
    pub fn scale(self) -> Option<(u8, u8)> {
        match self {
            Self::Csat => Some((1, 5)),
            Self::Nps => Some((0, 10)),
            Self::Ces => Some((1, 7)),
            Self::None => None,
        }
    }

    /// The question, in the customer's language.
    pub fn question(self, locale: Locale) -> Option<&'static str> {
        let texts = match self {
            Self::Csat => [
                "How satisfied are you with the help you received? (1 = very dissatisfied, 5 = very satisfied)",
                "Qual é o seu nível de satisfação com o atendimento que recebeu? (1 = muito insatisfeito, 5 = muito satisfeito)",
                "¿Qué tan satisfecho estás con la ayuda que recibiste? (1 = muy insatisfecho, 5 = muy satisfecho)",
                "Πόσο ικανοποιημένοι είστε από τη βοήθεια που λάβατε; (1 = καθόλου ικανοποιημένοι, 5 = πολύ ικανοποιημένοι)",
            ],
            Self::Nps => [
                "How likely are you to recommend us to a friend? (0 = not at all likely, 10 = extremely likely)",
                "Qual a probabilidade de você nos recomendar a um amigo? (0 = nada provável, 10 = extremamente provável)",
                "¿Qué probabilidad hay de que nos recomiendes a un amigo? (0 = nada probable, 10 = muy probable)",
                "Πόσο πιθανό είναι να μας προτείνετε σε έναν φίλο; (0 = καθόλου πιθανό, 10 = εξαιρετικά πιθανό)",
            ],
            Self::Ces => [
                "How easy was it to get your issue resolved? (1 = very difficult, 7 = very easy)",
                "Quão fácil foi resolver o seu problema? (1 = muito difícil, 7 = muito fácil)",
                "¿Qué tan fácil fue resolver tu problema? (1 = muy difícil, 7 = muy fácil)",
                "Πόσο εύκολο ήταν να λυθεί το πρόβλημά σας; (1 = πολύ δύσκολο, 7 = πολύ εύκολο)",
            ],
            Self::None => return None,
        };
        Some(locale.pick(texts))
    }
}
