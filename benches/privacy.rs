//! Redaction of a 2 KB chat message with a few findings: typed, and through the JSON surface.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::privacy::{redact, Options};
use recourse_payments::Engine;
use std::hint::black_box;

/// A support chat of about 2 KB in Portuguese, English and Greek with a card number, its
/// security code, a CPF, an e-mail address and a phone number (5 findings) among ordinary
/// text, dates,
/// amounts and order numbers.
fn chat_message() -> String {
    let filler = "Olá, tudo bem? Fiz o pedido 48213 em 12/11/2026 no valor de R$ 1.234,56 e \
                  ainda não recebi. O rastreio diz que saiu para entrega às 14:30. ";
    let mut text = String::new();
    text.push_str(filler);
    text.push_str("Paguei com o cartão 4111 1111 1111 1111, validade 12/28, CVV 123. ");
    text.push_str(filler);
    text.push_str("Meu CPF é 529.982.247-25 e o e-mail maria.silva@example.com.br. ");
    text.push_str(filler);
    text.push_str("Hi, I was charged twice for order 1767225600000, please refund one. ");
    text.push_str("Καλησπέρα, τηλέφωνο +30 21 0123 4567, ευχαριστώ πολύ. ");
    while text.len() < 2048 {
        text.push_str(filler);
    }
    text
}

/// The same chat written without dates, amounts or order numbers: long stretches of words
/// between the five findings, where no region of detection lies.
fn plain_chat_message() -> String {
    let filler = "Olá, tudo bem? Ainda não recebi o pedido e o rastreio não mudou desde ontem, \
                  podem verificar por favor? Obrigada pela atenção e pela paciência. ";
    let mut text = String::new();
    text.push_str(filler);
    text.push_str("Paguei com o cartão 4111 1111 1111 1111, validade 12/28, CVV 123. ");
    text.push_str(filler);
    text.push_str(filler);
    text.push_str("Meu CPF é 529.982.247-25 e o e-mail maria.silva@example.com.br. ");
    text.push_str(filler);
    text.push_str(filler);
    text.push_str("Καλησπέρα, τηλέφωνο +30 21 0123 4567, ευχαριστώ πολύ. ");
    while text.len() < 2048 {
        text.push_str(filler);
    }
    text
}

fn bench_redact(c: &mut Criterion) {
    let text = chat_message();
    let options = Options::default();
    assert_eq!(redact(&text, &options).findings.len(), 5);
    let mut group = c.benchmark_group("privacy");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("redact_2kb_chat_typed", |b| {
        b.iter(|| redact(black_box(&text), black_box(&options)))
    });
    let plain = plain_chat_message();
    assert_eq!(redact(&plain, &options).findings.len(), 5);
    group.throughput(Throughput::Bytes(plain.len() as u64));
    group.bench_function("redact_2kb_plain_chat_typed", |b| {
        b.iter(|| redact(black_box(&plain), black_box(&options)))
    });
    group.throughput(Throughput::Bytes(text.len() as u64));
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let json = serde_json::json!({ "text": text }).to_string();
    group.bench_function("redact_2kb_chat_json", |b| {
        b.iter(|| engine.call_json("privacy.redact", black_box(json.as_bytes())))
    });
    group.bench_function("serde_json_parse_only", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)))
    });
    group.finish();
}

criterion_group!(benches, bench_redact);
criterion_main!(benches);
