//! `faq.export`: every entry, as Markdown and as schema.org `FAQPage` JSON-LD for the
//! store's help page.

use schemars::JsonSchema;
use serde::Serialize;

use super::answer::{entry, ids, AnswerRequest};
use super::entries::Category;
use super::FaqCapability;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The request of `faq.export`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    /// The language; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The refund policy to state; the `faq` section's, or the default one, without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// One entry of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Entry {
    /// The id.
    pub id: String,
    /// The category.
    pub category: Category,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// The rules it states.
    pub rules: Vec<String>,
}

/// The response of `faq.export`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ExportResponse {
    /// The language.
    pub locale: Locale,
    /// The entries, in order.
    pub entries: Vec<Entry>,
    /// The whole FAQ as Markdown.
    pub markdown: String,
    /// The whole FAQ as schema.org `FAQPage` JSON-LD (canonical JSON text).
    pub json_ld: String,
}

#[derive(Serialize, Encode)]
struct LdAnswer {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
}

#[derive(Serialize, Encode)]
struct LdQuestion {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "acceptedAnswer")]
    accepted_answer: LdAnswer,
}

#[derive(Serialize, Encode)]
struct LdPage {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "mainEntity")]
    main_entity: Vec<LdQuestion>,
}

fn json_ld(entries: &[Entry]) -> String {
    let page = LdPage {
        context: "https://schema.org",
        kind: "FAQPage",
        main_entity: entries
            .iter()
            .map(|e| LdQuestion {
                kind: "Question",
                name: e.question.clone(),
                accepted_answer: LdAnswer {
                    kind: "Answer",
                    text: e.answer.clone(),
                },
            })
            .collect(),
    };
    crate::canonical::encode(&page).unwrap_or_default()
}

/// The whole FAQ.
///
/// # Errors
/// The refund policy's errors under `policy`.
pub fn export(
    engine: &impl Provides<FaqCapability>,
    request: &ExportRequest,
    trace: &mut Trace,
) -> Result<ExportResponse, Error> {
    let cx: Context<'_, FaqCapability> = engine.context()?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let asked = AnswerRequest {
        policy: request.policy.clone(),
        ..AnswerRequest::default()
    };
    let mut entries = Vec::new();
    let mut markdown = String::new();
    for (id, category, _) in ids(&cx) {
        let (question, answer, rules, _) = entry(&cx, &asked, &id, locale)?;
        markdown.push_str("## ");
        markdown.push_str(&question);
        markdown.push_str("\n\n");
        markdown.push_str(&answer);
        markdown.push_str("\n\n");
        entries.push(Entry {
            id,
            category,
            question,
            answer,
            rules,
        });
    }
    trace.push("faq.export", format!("{} entries", entries.len()));
    Ok(ExportResponse {
        locale,
        json_ld: json_ld(&entries),
        entries,
        markdown,
    })
}

/// `faq.export`.
#[derive(Debug, Clone, Copy)]
pub struct Export;

impl Operation for Export {
    const NAME: &'static str = "faq.export";
    const SUMMARY: &'static str =
        "the whole FAQ written from the store's rules, as Markdown and as schema.org FAQPage JSON-LD";
    type Capability = FaqCapability;
    type Request = ExportRequest;
    type Response = ExportResponse;

    fn run(
        cx: &Context<'_, FaqCapability>,
        request: &ExportRequest,
        trace: &mut Trace,
    ) -> Result<ExportResponse, Error> {
        export(cx, request, trace)
    }
}
