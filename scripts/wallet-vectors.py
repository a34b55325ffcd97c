#!/usr/bin/env python3
"""Writes the conformance vectors of the digital-wallet desk (examples/stores/wallet.toml):
each carries the store inline as JSON, so every host runs it. Vectors already written keep
their `expected` (bless new ones with `RECOURSE_BLESS=1 cargo test -p recourse-conformance`);
a test keeps each vector's `config` equal to the TOML."""

import copy
import json
import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
STORE = tomllib.loads((ROOT / "examples/stores/wallet.toml").read_text(encoding="utf-8"))

TRIAGE = [
    ("wallet_takeover_pt_br", "A suspected account takeover on the wallet desk is decided by the desk's words and is urgent; the intake asks what the customer noticed, never a password or a code",
     {"channel": "whatsapp", "locale": "pt-BR", "text": "socorro, hackearam minha conta e fizeram um pix que eu nao fiz"}),
    ("wallet_wrong_recipient_es", "A Pix sent to the wrong person: the wallet's own category and questions in Spanish, the amount and the method given so not asked, the Pix end-to-end id asked",
     {"channel": "chat", "locale": "es", "text": "envié un pix a la persona equivocada, creo que fue una estafa", "payment_method": "pix", "amount": {"amount": "350.00", "currency": "BRL"}}),
    ("wallet_withdrawal_el", "A withdrawal that has not arrived, read from Greek by the desk's vocabulary",
     {"channel": "email", "locale": "el", "text": "η ανάληψη προς την τράπεζά μου δεν έχει φτάσει ακόμα"}),
    ("wallet_top_up_failed_en", "A failed top-up, read by the built-in model's class `payment_failed` and the desk's words",
     {"channel": "chat", "locale": "en", "text": "my top up failed but the money left my bank"}),
    ("wallet_other_pt_br", "A message about nothing the desk lists reads as `other`, its questions the wallet's",
     {"channel": "chat", "locale": "pt-BR", "text": "qual o horário de atendimento?"}),
    ("wallet_given_category_with_answered", "A category given by the wallet app's contact form, with a question of the desk already answered",
     {"channel": "web_form", "locale": "en", "category": "account_blocked", "answered": ["blocked_message"]}),
]

ERRORS = [
    ("wallet_error_unknown_category", "A category the wallet desk does not have is refused (a shop's category included)",
     {"channel": "chat", "category": "charged_twice"}, None),
    ("wallet_error_unknown_answered_question", "A question no desk has is refused",
     {"channel": "chat", "answered": ["top_up_methd"]}, None),
]


def vector(name, description, request, config=None, operation="ticket.triage"):
    path = ROOT / "tests/vectors" / operation / f"{name}.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    out = {"config": config if config is not None else STORE, "description": description,
           "input": request, "operation": operation}
    for kept in ("expected", "error"):
        if kept in old:
            out[kept] = old[kept]
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main():
    for name, description, request in TRIAGE:
        vector(name, description, request)
    for name, description, request, _ in ERRORS:
        vector(name, description, request)
    secret = copy.deepcopy(STORE)
    secret["tickets"]["questions"]["one_time_code"] = {
        "secret": True,
        "text": {"en": "What is the code we sent you by SMS?", "pt-BR": "Qual é o código que enviamos por SMS?",
                 "es": "¿Cuál es el código que te enviamos por SMS?", "el": "Ποιος είναι ο κωδικός που σας στείλαμε με SMS;"}}
    secret["tickets"]["intake"]["account_takeover"].append("one_time_code")
    vector("wallet_error_config_secret_question", "An intake that asks for a secret (a one-time code) is a configuration error",
           {"channel": "chat", "category": "account_takeover"}, secret)
    typo = copy.deepcopy(STORE)
    typo["tickets"]["triage"]["rules"][0]["categories"] = ["account_takover"]
    vector("wallet_error_config_unknown_category_in_rule", "A priority rule naming a category the desk does not have is a configuration error (did you mean `account_takeover`?)",
           {"channel": "chat"}, typo)
    vector("wallet_routine_chat_bot_reply_counts", "On the wallet desk's routine chat policy the chatbot's answer on a Saturday morning is the first reply (`bot_replies_count`, within the weekend's peak hours)", {
        "now": "2026-03-07T10:30:00-03:00",
        "log": [
            {"at": "2026-03-07T10:00:00-03:00", "type": "created", "ticket": {"id": "NB-311", "category": "cashback_missing", "channel": "chat", "priority": "low", "customer": {"name": "Rafael", "locale": "pt-BR"}}},
            {"at": "2026-03-07T10:00:00-03:00", "type": "message", "author": "customer", "text": "Meu cashback da compra de ontem não caiu."},
            {"at": "2026-03-07T10:00:05-03:00", "type": "message", "author": "bot", "text": "O cashback cai quando a loja parceira confirma a compra, normalmente em até 30 dias."},
        ]}, None, "sla.status")
    def chat_log(ticket_id, created, bot_at, now, text):
        return {"now": now, "log": [
            {"at": created, "type": "created", "ticket": {"id": ticket_id, "category": "cashback_missing", "channel": "chat", "priority": "low", "customer": {"name": "Rafael", "locale": "pt-BR"}}},
            {"at": created, "type": "message", "author": "customer", "text": text},
            {"at": bot_at, "type": "message", "author": "bot", "text": "O cashback cai quando a loja parceira confirma a compra, normalmente em até 30 dias."},
        ]}
    vector("wallet_routine_chat_bot_reply_in_peak_hours", "A weekday lunchtime chatbot answer is the first reply on the wallet's routine chat policy: it came within the policy's peak hours (`bot_replies_peak_hours`), and the answer says so in Spanish", dict(
        chat_log("NB-313", "2026-03-10T12:05:00-03:00", "2026-03-10T12:05:04-03:00", "2026-03-10T12:30:00-03:00", "Meu cashback não caiu."), locale="es"), None, "sla.status")
    vector("wallet_routine_chat_bot_reply_outside_peak_hours", "A weekday morning chatbot answer is not the first reply: outside the policy's peak hours the first-reply clock waits for a person, and the answer says why", chat_log(
        "NB-314", "2026-03-10T09:05:00-03:00", "2026-03-10T09:05:04-03:00", "2026-03-10T09:30:00-03:00", "Meu cashback não caiu."), None, "sla.status")
    med = {"channel": "whatsapp", "locale": "pt-BR", "category": "transfer_wrong_recipient", "payment_method": "pix",
           "amount": {"amount": "1200.00", "currency": "BRL"}}
    vector("wallet_med_notice_window_open", "A Pix sent to a scammer 30 days ago: the category is linked to Pix MED's notice, and the answer says the 80 days still run and until when (`pix_med.notice`)",
           dict(med, paid_at="2026-04-01T15:20:00-03:00", now="2026-05-01T10:00:00-03:00"))
    vector("wallet_med_notice_window_closed", "A Pix sent 90 days ago: the 80 days to file the MED notice have passed, and the answer says so in Greek",
           dict(med, locale="el", paid_at="2026-02-01T15:20:00-03:00", now="2026-05-02T10:00:00-03:00"))
    vector("wallet_med_notice_last_instant", "The MED notice's window closes 80 days to the instant after the Pix: one second before, it is open",
           dict(med, locale="en", paid_at="2026-02-01T15:20:00-03:00", now="2026-04-22T15:19:59-03:00"))
    vector("wallet_error_med_paid_at_without_now", "The payment's instant without `now` is refused: the window is read at an instant the host gives",
           dict(med, paid_at="2026-04-01T15:20:00-03:00"))
    vector("wallet_error_med_now_before_paid_at", "`now` before the payment's instant is refused",
           dict(med, paid_at="2026-04-01T15:20:00-03:00", now="2026-03-01T10:00:00-03:00"))
    stage_typo = copy.deepcopy(STORE)
    stage_typo["tickets"]["categories"]["transfer_wrong_recipient"]["dispute"]["stage"] = "med_notise"
    vector("wallet_error_config_unknown_dispute_stage", "A category linked to a stage the dispute network does not have is a configuration error (did you mean `med_notice`?)",
           {"channel": "chat"}, stage_typo)
    vector("wallet_pix_med_notice_80_days", "On the wallet desk, MED's infraction notice is due 80 days after the Pix (`pix_med.notice`, the store's dated clock)", {
        "network": "pix_med", "stage": "med_notice", "stage_started_at": "2026-04-01T15:20:00-03:00",
        "now": "2026-05-01T10:00:00-03:00", "locale": "pt-BR"}, None, "dispute.deadline")
    vector("wallet_pix_med_return_request_72_hours", "On the wallet desk, once a MED notice is upheld the payer's institution has 72 hours to request the return", {
        "network": "pix_med", "stage": "med_return_request", "stage_started_at": "2026-05-11T18:00:00-03:00",
        "now": "2026-05-11T19:00:00-03:00", "locale": "es"}, None, "dispute.deadline")
    created = {"type": "created", "at": "2026-03-07T10:00:00-03:00", "ticket": {
        "id": "NB-312", "category": "withdrawal_pending", "channel": "email",
        "customer": {"name": "Eleni", "locale": "el"}}}
    vector("wallet_created_with_a_desk_category", "A ticket of the wallet desk opens with one of the desk's own categories",
           {"event": created}, None, "ticket.apply")
    wrong = copy.deepcopy(created)
    wrong["ticket"]["category"] = "refund_status"
    vector("wallet_error_created_with_a_shop_category", "A ticket cannot open on the wallet desk with a shop's category",
           {"event": wrong}, None, "ticket.apply")


if __name__ == "__main__":
    main()
