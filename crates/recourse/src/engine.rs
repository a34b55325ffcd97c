//! The engine: the compiled configuration every operation answers from.
//!
//! Built once from TOML or JSON, validated with errors that name the exact path,
//! immutable, `Send + Sync`, and fingerprinted by a hash of its canonical form. The embedded
//! default describes a realistic store so that everything runs with no set-up.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::calendar::{Calendar, CalendarConfig};
use crate::comms::Locale;
use crate::money::{CurrencyTable, MoneyError, ProcessorOverrides};
use crate::ops::{self, Limits, Operation, Output};
use crate::receipt;
use crate::refund::{Policies, RefundConfig};
use crate::sort::SortedMap;
use crate::{Error, ErrorKind};

/// The embedded default configuration: a shop selling apparel and electronics in Brazil
/// and the EU, in BRL and EUR.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// [`DEFAULT_CONFIG`] as JSON, which [`Engine::default_store`] reads so that builds without
/// the `toml` feature have it too. Generated from the TOML; a test keeps the two equal
/// (`RECOURSE_BLESS=1` rewrites it).
pub const DEFAULT_CONFIG_JSON: &str = include_str!("../config/default.json");

/// Errors in a configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The text is not well-formed TOML or JSON.
    #[error("the configuration is not well-formed {format}")]
    Syntax {
        /// `TOML` or `JSON`.
        format: &'static str,
    },
    /// The text is in a format this build does not read: TOML without the `toml` feature.
    #[error("this build reads configuration as JSON only, not {format}")]
    UnsupportedFormat {
        /// `TOML`.
        format: &'static str,
    },
    /// A field is missing, unknown, or of the wrong type or value.
    #[error("{detail}")]
    Invalid {
        /// What was expected (never the value received).
        detail: String,
    },
    /// The configuration is larger than allowed.
    #[error("the configuration is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

impl ConfigError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "config.syntax",
            Self::UnsupportedFormat { .. } => "config.unsupported_format",
            Self::Invalid { .. } => "config.invalid",
            Self::TooLarge { .. } => "config.too_large",
        }
    }

    pub(crate) fn invalid(detail: impl Into<String>) -> Self {
        Self::Invalid {
            detail: detail.into(),
        }
    }
}

/// Largest configuration accepted, in bytes.
const MAX_CONFIG_BYTES: usize = 8 * 1024 * 1024;

/// The configuration as written: every section of the store's rules.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The store: its name, languages and currencies.
    pub store: StoreConfig,
    /// Per-processor currency overrides.
    #[serde(default)]
    pub currencies: CurrenciesConfig,
    /// Limits on untrusted input.
    #[serde(default)]
    pub limits: Limits,
    /// Business calendars by name (`[calendars.sao_paulo]`), for SLA clocks and deadlines.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub calendars: BTreeMap<String, CalendarConfig>,
    /// Tickets: intake questions, triage rules, follow-up rules.
    #[serde(default)]
    pub tickets: crate::ticket::TicketsConfig,
    /// Refund and returns policies.
    #[serde(default)]
    pub refund: RefundConfig,
    /// SLA policies: first match wins.
    #[serde(default)]
    pub sla: crate::sla::SlaConfig,
}

/// The store itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// The store's name, as customers know it.
    pub name: String,
    /// The language customers are answered in when a request names none.
    #[serde(default)]
    pub default_locale: Locale,
}

/// Currency settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CurrenciesConfig {
    /// For each processor, the codes whose minor unit differs from ISO 4217
    /// (`processors.stripe.HUF = 0`).
    #[serde(default)]
    pub processors: BTreeMap<String, ProcessorOverrides>,
}

/// The compiled configuration. Cheap to share: `Send + Sync`, immutable.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    fingerprint: String,
    currencies: CurrencyTable,
    calendars: SortedMap<String, Calendar>,
    refund: Policies,
}

impl Engine {
    /// The engine of the embedded default store.
    ///
    /// # Errors
    /// None in practice: the default is checked by the test suite. The `Result` keeps a
    /// broken build from panicking a host.
    pub fn default_store() -> Result<Self, Error> {
        Self::from_json(DEFAULT_CONFIG_JSON)
    }

    /// Builds an engine from TOML text.
    ///
    /// # Errors
    /// `config.syntax` for malformed TOML; `config.invalid` (and the area codes) with the
    /// path of the first problem; `config.unsupported_format` in a build without the `toml`
    /// feature.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        Self::compile(read_config(text, parse_toml_config)?)
    }

    /// Builds an engine from JSON text.
    ///
    /// # Errors
    /// `config.syntax` for malformed JSON; `config.invalid` (and the area codes) with the
    /// path of the first problem.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::compile(read_config(text, parse_json_config)?)
    }

    /// Builds an engine from configuration text, TOML or JSON (JSON when it starts with `{`).
    ///
    /// # Errors
    /// As [`Engine::from_toml`] and [`Engine::from_json`].
    pub fn from_text(text: &str) -> Result<Self, Error> {
        Self::compile(read_config_text(text)?)
    }

    /// Validates and compiles a typed configuration.
    ///
    /// # Errors
    /// The first problem found, with its path. [`Engine::check`] lists them all.
    pub fn compile(config: Config) -> Result<Self, Error> {
        match Self::problems(&config).into_iter().next() {
            Some(problem) => Err(problem),
            None => Self::build(config),
        }
    }

    fn build(config: Config) -> Result<Self, Error> {
        let currencies = CurrencyTable::new(config.currencies.processors.clone())
            .map_err(|(path, e)| Error::new(e, format!("currencies.processors.{path}")))?;
        let canonical = crate::canonical::encode(&config).map_err(|_| {
            Error::new(
                ConfigError::invalid("the configuration cannot be written as JSON"),
                ".",
            )
        })?;
        // A sorted vector, not a `BTreeMap`: see `crate::sort::SortedMap`.
        let mut calendars = SortedMap::default();
        for (name, c) in &config.calendars {
            let cal = c
                .compile()
                .map_err(|e| e.under(&format!("calendars.{name}")))?;
            calendars.slot(name.as_str(), || (name.clone(), cal));
        }
        let mut problems = Vec::new();
        let refund = crate::refund::compile(&config.refund, &calendars, &mut problems);
        if let Some(problem) = problems.into_iter().next() {
            return Err(problem);
        }
        Ok(Self {
            fingerprint: receipt::digest(canonical.as_bytes()),
            config,
            currencies,
            calendars,
            refund,
        })
    }

    /// Every semantic problem of a parsed configuration, each with its path.
    pub fn problems(config: &Config) -> Vec<Error> {
        let mut problems = Vec::new();
        if config.store.name.trim().is_empty() {
            problems.push(Error::new(
                ConfigError::invalid("expected a non-empty store name"),
                "store.name",
            ));
        }
        for (name, codes) in &config.currencies.processors {
            for (code, exponent) in codes {
                // A key that is no currency is not repeated: the processor is named.
                if let Err(e) = crate::money::Currency::from_code(code) {
                    problems.push(Error::new(e, format!("currencies.processors.{name}")));
                } else if *exponent > 4 {
                    problems.push(Error::new(
                        MoneyError::InvalidExponent,
                        format!("currencies.processors.{name}.{code}"),
                    ));
                }
            }
        }
        let limits = &config.limits;
        for (value, field) in [
            (limits.max_bytes, "max_bytes"),
            (limits.max_depth, "max_depth"),
            (limits.max_list, "max_list"),
        ] {
            if value == 0 {
                problems.push(Error::new(
                    ConfigError::invalid("expected a positive integer"),
                    format!("limits.{field}"),
                ));
            }
        }
        for (name, calendar) in &config.calendars {
            let prefix = format!("calendars.{name}");
            problems.extend(calendar.problems().into_iter().map(|e| e.under(&prefix)));
        }
        problems.extend(crate::ticket::config_problems(&config.tickets));
        // Calendars with problems of their own are reported above; policies naming them
        // are checked against the ones that compile.
        let mut calendars: SortedMap<String, Calendar> = SortedMap::default();
        for (name, c) in &config.calendars {
            if let Ok(cal) = c.compile() {
                calendars.slot(name.as_str(), || (name.clone(), cal));
            }
        }
        crate::refund::compile(&config.refund, &calendars, &mut problems);
        problems.extend(crate::sla::config_problems(config));
        problems
    }

    /// Checks configuration text and returns every problem found, each with its path
    /// (empty when the configuration is valid).
    pub fn check(text: &str) -> Vec<Error> {
        match read_config_text(text) {
            Ok(config) => Self::problems(&config),
            Err(e) => vec![e],
        }
    }

    /// The configuration this engine was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `sha256:` and the hash of the configuration's canonical JSON.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The currency table with this store's processor overrides.
    pub fn currencies(&self) -> &CurrencyTable {
        &self.currencies
    }

    /// The business calendar the configuration names `name`, compiled.
    ///
    /// # Example
    /// ```
    /// let engine = recourse::Engine::default_store()?;
    /// let desk = engine.calendar("sao_paulo").ok_or("no such calendar")?;
    /// assert_eq!(desk.time_zone().name(), "America/Sao_Paulo");
    /// assert!(engine.calendar("atlantis").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.calendars.get(name)
    }

    /// The limits on untrusted input.
    pub fn limits(&self) -> &Limits {
        &self.config.limits
    }

    /// The compiled refund policies.
    pub fn refund_policies(&self) -> &Policies {
        &self.refund
    }

    /// The language to answer in when a request names none.
    pub fn default_locale(&self) -> Locale {
        self.config.store.default_locale
    }

    /// Runs an operation on a typed request and returns its response with a receipt.
    ///
    /// # Errors
    /// Whatever the operation cannot answer, with the path of the culprit.
    ///
    /// # Example
    /// ```
    /// use recourse::{money::{Allocate, AllocateRequest, Money, Ratio}, Engine};
    /// let engine = Engine::default_store()?;
    /// let request = AllocateRequest::new(Money::parse("100.00", "BRL")?, vec![Ratio::from(1); 3]);
    /// let out = engine.call::<Allocate>(&request)?;
    /// let parts: Vec<String> = out.response.parts.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(parts, ["33.34 BRL", "33.33 BRL", "33.33 BRL"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn call<O: Operation>(&self, request: &O::Request) -> Result<Output<O::Response>, Error> {
        ops::call_typed::<O>(self, request)
    }

    /// Runs the operation named `operation` on JSON bytes and returns canonical JSON: the
    /// response with its receipt. This is the entry point of every binding.
    ///
    /// # Errors
    /// `input.unknown_operation`, the input limits, `input.invalid_utf8`,
    /// `input.malformed_json`, and whatever the operation cannot answer.
    ///
    /// # Example
    /// ```
    /// let engine = recourse::Engine::default_store()?;
    /// let out = engine.call_json("money.allocate",
    ///     br#"{"total":{"amount":"10","currency":"JPY"},"ratios":[1,1,1]}"#)?;
    /// assert!(out.starts_with(r#"{"parts":[{"amount":"4","currency":"JPY"}"#));
    /// # Ok::<(), recourse::Error>(())
    /// ```
    pub fn call_json(&self, operation: &str, input: &[u8]) -> Result<String, Error> {
        ops::call_json(self, operation, input)
    }

    /// Runs `operation` on each request of a JSON array and returns a JSON array of
    /// `{"output": ...}` or `{"error": {"code", "path", "message"}}`, in order. One bad request
    /// does not stop the others.
    ///
    /// # Errors
    /// `input.unknown_operation`, the input limits, `input.invalid_utf8`, or
    /// `input.malformed_json` when the batch itself is not a JSON array.
    pub fn call_batch_json(&self, operation: &str, inputs: &[u8]) -> Result<String, Error> {
        ops::call_batch_json(self, operation, inputs)
    }
}

/// Reads configuration text, JSON when it starts with `{` and TOML otherwise.
fn read_config_text(text: &str) -> Result<Config, Error> {
    if text.trim_start().starts_with('{') {
        read_config(text, parse_json_config)
    } else {
        read_config(text, parse_toml_config)
    }
}

/// Reads configuration text with `parse` once its size is allowed.
fn read_config(
    text: &str,
    parse: fn(&str) -> Result<serde_json::Value, Error>,
) -> Result<Config, Error> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(Error::new(
            ConfigError::TooLarge {
                limit: MAX_CONFIG_BYTES,
            },
            ".",
        ));
    }
    decode_config(&parse(text)?)
}

fn parse_json_config(text: &str) -> Result<serde_json::Value, Error> {
    crate::decode::parse_strict(
        text,
        <Config as crate::decode::Decode>::write_path,
        || Error::new(ConfigError::Syntax { format: "JSON" }, "."),
        || ErrorKind::Config(ConfigError::invalid("a table names the same key twice")),
    )
}

#[cfg(feature = "toml")]
fn parse_toml_config(text: &str) -> Result<serde_json::Value, Error> {
    let syntax = || Error::new(ConfigError::Syntax { format: "TOML" }, ".");
    let value: toml::Value = toml::from_str(text).map_err(|_| syntax())?;
    serde_json::to_value(value).map_err(|_| syntax())
}

#[cfg(not(feature = "toml"))]
fn parse_toml_config(_text: &str) -> Result<serde_json::Value, Error> {
    Err(Error::new(
        ConfigError::UnsupportedFormat { format: "TOML" },
        ".",
    ))
}

fn decode_config(value: &serde_json::Value) -> Result<Config, Error> {
    crate::decode::decode(value, crate::decode::Area::Config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_store_compiles() {
        let engine = Engine::default_store().unwrap();
        assert!(engine.fingerprint().starts_with("sha256:"));
        assert_eq!(engine.fingerprint().len(), 7 + 64);
    }

    /// The JSON default is the TOML default, generated: `RECOURSE_BLESS=1` rewrites it.
    #[cfg(feature = "toml")]
    #[test]
    fn the_json_default_is_the_toml_default() {
        let from_toml = parse_toml_config(DEFAULT_CONFIG).unwrap();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.json");
        if std::env::var_os("RECOURSE_BLESS").is_some() {
            let text = serde_json::to_string_pretty(&from_toml).unwrap() + "\n";
            std::fs::write(path, text).unwrap();
            return;
        }
        let from_json = parse_json_config(DEFAULT_CONFIG_JSON).unwrap();
        assert!(
            from_json == from_toml,
            "config/default.json differs from config/default.toml: run with RECOURSE_BLESS=1"
        );
        assert_eq!(
            Engine::from_toml(DEFAULT_CONFIG).unwrap().fingerprint(),
            Engine::default_store().unwrap().fingerprint()
        );
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }

    #[test]
    fn config_errors_name_their_path() {
        let e = Engine::from_toml("[store]\nname = \"x\"\n[limits]\nmax_depth = -3\n").unwrap_err();
        assert_eq!((e.code(), e.path()), ("config.invalid", "limits.max_depth"));
        let e =
            Engine::from_toml("[store]\nname = \"x\"\n[currencies.processors.stripe]\nHUX = 0\n")
                .unwrap_err();
        // Keys the schema does not define are never repeated: the object holding them is
        // named instead.
        assert_eq!(
            (e.code(), e.path()),
            ("input.unknown_currency", "currencies.processors.stripe")
        );
        let e = Engine::from_toml("[store\n").unwrap_err();
        assert_eq!(e.code(), "config.syntax");
        let e = Engine::from_json("{\"store\":{\"name\":\"x\"},\"extra\":1}").unwrap_err();
        assert_eq!((e.code(), e.path()), ("config.invalid", "."));
        assert!(e.message().contains("expected one of `store`"), "{e}");
        let e = Engine::from_json(
            r#"{"store":{"name":"x"},"calendars":{"desk":{"time_zone":"UTC","time_zone":"UTC"}}}"#,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), ("config.invalid", "calendars.desk"));
    }

    #[test]
    fn same_config_same_fingerprint_whatever_the_format() {
        let a = Engine::from_toml("[store]\nname = \"Loja\"\n").unwrap();
        let b = Engine::from_json(r#"{"store": {"name": "Loja"}}"#).unwrap();
        assert_eq!(a.fingerprint(), b.fingerprint());
        let c = Engine::from_json(r#"{"store": {"name": "Loja 2"}}"#).unwrap();
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn check_lists_every_problem() {
        let problems =
            Engine::check("[store]\nname = \" \"\n[limits]\nmax_bytes = 0\nmax_list = 0\n");
        let paths: Vec<_> = problems.iter().map(|e| e.path().to_owned()).collect();
        assert_eq!(paths, ["store.name", "limits.max_bytes", "limits.max_list"]);
    }
}
