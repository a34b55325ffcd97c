//! Peak hours for a chatbot's replies: a policy with `bot_replies_count = true` may say a
//! bot's public reply counts only within named windows of local time on its calendar
//! (`bot_replies_peak_hours`). A window runs on its days from `start` to `end`; an `end`
//! earlier than `start` runs past midnight into the next day, and `end = "24:00"` is the
//! end of the day.

use chrono::{Datelike, Timelike, Weekday};
use schemars::JsonSchema;
use serde::Serialize;

use crate::calendar::{Calendar, Timestamp, WEEK};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::Error;

/// `sla.policies[i].bot_replies_peak_hours[j]`: on `days`, from `start` to `end`, local time
/// on the policy's calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeakWindow {
    /// The days it starts on: `mon` to `sun`.
    pub days: Vec<String>,
    /// The local start, `HH:MM` (included).
    pub start: String,
    /// The local end, `HH:MM` (excluded); `24:00` is midnight at the day's end, and an end
    /// earlier than the start runs into the next day.
    pub end: String,
}

/// A window read: the days it starts on and its minutes of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Window {
    days: [bool; 7],
    start: u32,
    end: u32,
}

impl Window {
    /// Whether the local weekday and minute of the day fall in the window.
    fn holds(&self, day: Weekday, minute: u32) -> bool {
        let on = |d: Weekday| self.days.get(d.num_days_from_monday() as usize) == Some(&true);
        if self.start < self.end {
            on(day) && (self.start..self.end).contains(&minute)
        } else {
            (on(day) && minute >= self.start) || (on(day.pred()) && minute < self.end)
        }
    }
}

/// `HH:MM` as minutes of the day; `24:00` only where `end` allows it.
fn minutes(text: &str, end: bool) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) if end => Some(1440),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

/// The windows read, or every problem with its path under `path`.
pub(crate) fn read(windows: &[PeakWindow], path: &str, out: &mut Vec<Error>) -> Vec<Window> {
    let names: Vec<&str> = WEEK.iter().map(|(_, n)| *n).collect();
    let mut read = Vec::with_capacity(windows.len());
    for (j, w) in windows.iter().enumerate() {
        let at = format!("{path}[{j}]");
        let mut bad = |detail: String, field: String| {
            out.push(Error::new(ConfigError::invalid(detail), field));
        };
        let mut days = [false; 7];
        if w.days.is_empty() {
            bad(
                "a peak window names at least one day".into(),
                format!("{at}.days"),
            );
        }
        for (k, d) in w.days.iter().enumerate() {
            match WEEK.iter().position(|(_, n)| *n == d.as_str()) {
                Some(i) => {
                    if let Some(slot) = days.get_mut(i) {
                        *slot = true;
                    }
                }
                None => {
                    let hint = crate::names::nearest(d, &names)
                        .map(|near| format!(" (did you mean `{near}`?)"))
                        .unwrap_or_default();
                    bad(
                        format!("unknown day: `mon` to `sun`{hint}"),
                        format!("{at}.days[{k}]"),
                    );
                }
            }
        }
        let start = minutes(&w.start, false);
        let end = minutes(&w.end, true);
        if start.is_none() {
            bad(
                "expected a time `HH:MM` from 00:00 to 23:59".into(),
                format!("{at}.start"),
            );
        }
        if end.is_none() {
            bad(
                "expected a time `HH:MM` from 00:00 to 24:00".into(),
                format!("{at}.end"),
            );
        }
        if let (Some(start), Some(end)) = (start, end) {
            if start == end {
                bad(
                    "an empty peak window: its end is its start".into(),
                    format!("{at}.end"),
                );
            } else {
                read.push(Window { days, start, end });
            }
        }
    }
    read
}

/// Which window (its index) holds the instant on the calendar, if any.
pub(crate) fn window_at(windows: &[Window], calendar: &Calendar, at: &Timestamp) -> Option<usize> {
    let local = calendar.to_local(at).as_datetime();
    let minute = local.hour() * 60 + local.minute();
    windows
        .iter()
        .position(|w| w.holds(local.weekday(), minute))
}

/// The local time `HH:MM` of an instant on the calendar.
pub(crate) fn local_time(calendar: &Calendar, at: &Timestamp) -> String {
    let local = calendar.to_local(at).as_datetime();
    format!("{:02}:{:02}", local.hour(), local.minute())
}

/// What became of one public bot reply under a policy with peak hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct BotReply {
    /// When the bot replied.
    pub at: Timestamp,
    /// Whether it counted as a reply.
    pub counted: bool,
    /// The peak window it fell in (its index in `bot_replies_peak_hours`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
    /// The stable code: `sla.bot_reply_in_peak_hours` or `sla.bot_reply_outside_peak_hours`.
    pub code: String,
    /// The rule it cites: `sla.policies.<id>.bot_replies_peak_hours`.
    pub rule: String,
    /// The sentence for the support agent.
    pub message: String,
}

/// The note of one bot reply, with its sentence in `locale`.
pub(crate) fn note(
    policy: &str,
    at: Timestamp,
    window: Option<usize>,
    local: &str,
    locale: Locale,
) -> BotReply {
    let counted = window.is_some();
    let n = window.map(|w| w.saturating_add(1)).unwrap_or_default();
    let template = locale.pick(if counted {
        [
            "The chatbot's reply at {local} counts as a reply: it came within peak window {n} of the policy, when the chatbot's answer stands for the team's.",
            "A resposta do chatbot às {local} conta como resposta: veio dentro da janela de pico {n} da política, quando a resposta do chatbot vale pela da equipe.",
            "La respuesta del chatbot a las {local} cuenta como respuesta: llegó dentro de la franja de mayor demanda {n} de la política, cuando la respuesta del chatbot vale por la del equipo.",
            "Η απάντηση του chatbot στις {local} μετράει ως απάντηση: ήρθε μέσα στο παράθυρο αιχμής {n} της πολιτικής, όταν η απάντηση του chatbot ισχύει ως απάντηση της ομάδας.",
        ]
    } else {
        [
            "The chatbot's reply at {local} does not count as a reply: it came outside the policy's peak hours, so the clock waits for a person's reply.",
            "A resposta do chatbot às {local} não conta como resposta: veio fora do horário de pico da política, então o relógio espera a resposta de uma pessoa.",
            "La respuesta del chatbot a las {local} no cuenta como respuesta: llegó fuera de las horas de mayor demanda de la política, así que el reloj espera la respuesta de una persona.",
            "Η απάντηση του chatbot στις {local} δεν μετράει ως απάντηση: ήρθε εκτός των ωρών αιχμής της πολιτικής, οπότε το ρολόι περιμένει την απάντηση ενός ανθρώπου.",
        ]
    });
    let message = template
        .replace("{local}", local)
        .replace("{n}", &n.to_string());
    BotReply {
        at,
        counted,
        window: window.and_then(|w| u32::try_from(w).ok()),
        code: if counted {
            "sla.bot_reply_in_peak_hours"
        } else {
            "sla.bot_reply_outside_peak_hours"
        }
        .to_owned(),
        rule: format!("sla.policies.{policy}.bot_replies_peak_hours"),
        message,
    }
}
