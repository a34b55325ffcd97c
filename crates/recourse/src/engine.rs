//! The engine: the compiled configuration every operation answers from.
//!
//! Built once from TOML or JSON, validated with errors that name the exact path,
//! immutable, `Send + Sync`, and fingerprinted by a hash of its canonical form. The embedded
//! default describes a realistic store so that everything runs with no set-up.
//!
//! The engine is assembled from one list, `capabilities!`: a capability is registered by
//! one line there, and the configuration type, its JSON Schema, `check`, the operations
//! registry and every host follow from it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::calendar::{Calendar, CalendarConfig};
use crate::comms::Locale;
pub use crate::error::ConfigError;
use crate::limits::Limits;
use crate::money::{CurrencyTable, MoneyError, ProcessorOverrides};
use crate::ops::{self, Capability, Compiled, Context, Operation, OperationInfo, Output, Services};
use crate::receipt;
#[cfg(feature = "refund")]
use crate::refund::Policies;
use crate::sort::SortedMap;
use crate::{Error, ErrorKind};

/// Registers the capabilities, one line each, in the order they compile and hosts list
/// their operations (a capability comes after those it uses). `"feature" path::Type
/// { section }` registers the capability under the Cargo feature that compiles it in and
/// gives it the configuration section `section`; a capability without one is just its type.
/// A build without the feature keeps the section as written, unread, so one configuration
/// serves every build.
macro_rules! capabilities {
    ($($feature:literal $cap:ty $({ $(#[$doc:meta])* $section:ident })?),* $(,)?) => {
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
            /// Business calendars by name (`[calendars.sao_paulo]`), for SLA clocks and
            /// deadlines.
            #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
            pub calendars: BTreeMap<String, CalendarConfig>,
            $($(
                $(#[$doc])*
                #[cfg(feature = $feature)]
                #[serde(default)]
                pub $section: <$cap as Capability>::Config,
                /// A section of a capability this build leaves out, kept as written.
                #[cfg(not(feature = $feature))]
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $section: Option<serde_json::Value>,
            )?)*
        }

        /// Compiles every capability's section, in the order of the list.
        fn compile_capabilities(config: &Config, compiled: &mut Compiled, problems: &mut Vec<Error>) {
            $(
                #[cfg(feature = $feature)]
                compiled.add::<$cap>(section!(config $(, $section)?), problems);
            )*
            let _ = (config, compiled, problems);
        }

        /// The warnings of every capability's section, in the order of the list.
        fn warn_capabilities(config: &Config, services: &Services) -> Vec<Error> {
            let mut out = Vec::new();
            $(
                #[cfg(feature = $feature)]
                out.extend(<$cap as Capability>::warnings(section!(config $(, $section)?), services));
            )*
            let _ = (config, services);
            out
        }

        /// The operations of every capability, in the order of the list.
        const LISTS: &[&[OperationInfo]] = &[$(
            #[cfg(feature = $feature)]
            <$cap as Capability>::OPERATIONS
        ),*];
    };
}

/// A capability's section of the configuration, or `()` for one without.
#[allow(unused_macros)] // a build with no capability at all uses none
macro_rules! section {
    ($config:ident) => {
        &()
    };
    ($config:ident, $section:ident) => {
        &$config.$section
    };
}

capabilities! {
    "money" crate::money::MoneyCapability,
    "calendar" crate::calendar::CalendarCapability,
    "ticket" crate::ticket::TicketCapability {
        /// Tickets: intake questions, triage rules, follow-up rules.
        tickets
    },
    "refund" crate::refund::RefundCapability {
        /// Refund and returns policies.
        refund
    },
    "privacy" crate::privacy::PrivacyCapability,
    "sla" crate::sla::SlaCapability {
        /// SLA policies: first match wins.
        sla
    },
    "metrics" crate::metrics::MetricsCapability,
    "payment" crate::payment::PaymentCapability {
        /// Payment diagnostics: accepted methods, risk disclosure, retry policy, bank calendar.
        payment
    },
    "dispute" crate::dispute::DisputeCapability {
        /// Disputes and chargebacks: reason codes, deadlines, evidence, recommendations,
        /// monitoring programs.
        dispute
    },
    "compensation" crate::compensation::CompensationCapability {
        /// Compensation and goodwill: schemes of tiers, caps, budgets and approvals.
        compensation
    },
    "monitor" crate::monitor::MonitorCapability {
        /// Monitoring: the duplicate check, stuck-payment graces, rate-alert volumes.
        monitor
    },
    "faq" crate::faq::FaqCapability {
        /// The FAQ: the refund policy it states, the merchant's own entries.
        faq
    },
}

/// How many operations the capabilities have in all.
#[allow(clippy::indexing_slicing)] // constant evaluation: an index out of range fails the build
const OPERATION_COUNT: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < LISTS.len() {
        n += LISTS[i].len();
        i += 1;
    }
    n
};

/// Every capability's operations in one table, built when the crate is compiled.
#[allow(clippy::indexing_slicing)] // constant evaluation: an index out of range fails the build
static REGISTRY: [OperationInfo; OPERATION_COUNT] = {
    // Any entry: every slot is overwritten below.
    let mut table = [OperationInfo::of::<crate::money::Allocate>(); OPERATION_COUNT];
    let (mut list, mut at) = (0, 0);
    while list < LISTS.len() {
        let mut i = 0;
        while i < LISTS[list].len() {
            table[at] = LISTS[list][i];
            at += 1;
            i += 1;
        }
        list += 1;
    }
    table
};

/// Every operation, in the order `recourse ops` lists them.
pub fn registry() -> &'static [OperationInfo] {
    &REGISTRY
}

/// Finds an operation by name.
pub fn find(name: &str) -> Option<&'static OperationInfo> {
    REGISTRY.iter().find(|op| op.name == name)
}

/// The embedded default configuration: a shop selling apparel and electronics in Brazil
/// and the EU, in BRL and EUR.
pub const DEFAULT_CONFIG: &str = include_str!("../config/default.toml");

/// [`DEFAULT_CONFIG`] as JSON, which [`Engine::default_store`] reads so that builds without
/// the `toml` feature have it too. Generated from the TOML, on one line (the WebAssembly
/// package embeds it: 20 KB fewer bytes, 1.3 KB fewer gzipped, than pretty-printed); a test
/// keeps the two equal (`RECOURSE_BLESS=1` rewrites it).
pub const DEFAULT_CONFIG_JSON: &str = include_str!("../config/default.json");

/// Largest configuration accepted, in bytes.
const MAX_CONFIG_BYTES: usize = 8 * 1024 * 1024;

/// How many problems of shape `Engine::check` reads past before it stops reading.
const MAX_CHECK_PASSES: usize = 100;

/// The store itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StoreConfig {
    /// The store's name, as customers know it.
    pub name: String,
    /// The language customers are answered in when a request names none.
    #[serde(default)]
    pub default_locale: Locale,
    /// The languages the store serves customers in (a desk's texts are checked for each);
    /// all four when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locales: Vec<Locale>,
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
    compiled: Compiled,
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

    /// Validates and compiles a typed configuration, in one pass.
    ///
    /// # Errors
    /// The first problem found, with its path. [`Engine::check`] lists them all.
    pub fn compile(config: Config) -> Result<Self, Error> {
        let (compiled, problems) = compile(&config);
        match (compiled, problems.into_iter().next()) {
            (Some(compiled), None) => Ok(Self { config, compiled }),
            (_, Some(problem)) => Err(problem),
            (None, None) => Err(Error::new(
                ConfigError::invalid("the configuration cannot be written as JSON"),
                ".",
            )),
        }
    }

    /// Every semantic problem of a parsed configuration, each with its path: the same pass
    /// that compiles it.
    pub fn problems(config: &Config) -> Vec<Error> {
        compile(config).1
    }

    /// Checks configuration text and returns every problem found, each with its path
    /// (empty when the configuration is valid): a value of the wrong shape is reported and
    /// taken out, and the rest is read and checked on, so one run lists them all.
    pub fn check(text: &str) -> Vec<Error> {
        let value = if text.trim_start().starts_with('{') {
            read_config_value(text, parse_json_config)
        } else {
            read_config_value(text, parse_toml_config)
        };
        let value = match value {
            Ok(value) => value,
            Err(e) => return vec![e],
        };
        let reading = crate::decode::decode_every::<Config>(
            value,
            crate::decode::Area::Config,
            MAX_CHECK_PASSES,
        );
        let mut problems = reading.problems;
        if let Some(config) = reading.value {
            let under_a_cut = |path: &str| {
                reading.cut.iter().any(|cut| {
                    path.strip_prefix(cut.as_str())
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                })
            };
            problems.extend(
                Self::problems(&config)
                    .into_iter()
                    .filter(|p| !under_a_cut(p.path())),
            );
        }
        problems
    }

    /// The configuration this engine was built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `sha256:` and the hash of the configuration's canonical JSON.
    pub fn fingerprint(&self) -> &str {
        self.compiled.services.fingerprint()
    }

    /// The currency table with this store's processor overrides.
    pub fn currencies(&self) -> &CurrencyTable {
        self.compiled.services.currencies()
    }

    /// The business calendar the configuration names `name`, compiled.
    ///
    /// # Example
    /// ```
    /// let engine = recourse_payments::Engine::default_store()?;
    /// let desk = engine.calendar("sao_paulo").ok_or("no such calendar")?;
    /// assert_eq!(desk.time_zone().name(), "America/Sao_Paulo");
    /// assert!(engine.calendar("atlantis").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.compiled.services.calendar(name)
    }

    /// The limits on untrusted input.
    pub fn limits(&self) -> &Limits {
        self.compiled.services.limits()
    }

    /// The shared services every capability answers with.
    pub fn services(&self) -> &Services {
        &self.compiled.services
    }

    /// What the operations of capability `C` see: its compiled section and the services
    /// (`None` when `C` is not compiled into this engine).
    pub fn context<C: Capability>(&self) -> Option<Context<'_, C>> {
        self.compiled.context::<C>()
    }

    /// The compiled capabilities, for the tests that call operations by their entries.
    #[cfg(test)]
    pub(crate) fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The compiled refund policies.
    #[cfg(feature = "refund")]
    pub fn refund_policies(&self) -> &Policies {
        static NONE: std::sync::OnceLock<Policies> = std::sync::OnceLock::new();
        match self.context::<crate::refund::RefundCapability>() {
            Some(cx) => cx.section().policies(),
            None => NONE.get_or_init(Policies::default),
        }
    }

    /// What a person should look at in the configuration, though the engine runs with it
    /// (a language the store serves with no text for a desk's question), each with its
    /// path. `recourse check` lists them after the problems.
    pub fn warnings(&self) -> Vec<Error> {
        warn_capabilities(&self.config, &self.compiled.services)
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
    /// use recourse_payments::{money::{Allocate, AllocateRequest, Money, Ratio}, Engine};
    /// let engine = Engine::default_store()?;
    /// let request = AllocateRequest::new(Money::parse("100.00", "BRL")?, vec![Ratio::from(1); 3]);
    /// let out = engine.call::<Allocate>(&request)?;
    /// let parts: Vec<String> = out.response.parts.iter().map(|p| p.to_string()).collect();
    /// assert_eq!(parts, ["33.34 BRL", "33.33 BRL", "33.33 BRL"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn call<O: Operation>(&self, request: &O::Request) -> Result<Output<O::Response>, Error> {
        ops::call_typed::<O>(&self.compiled, request)
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
    /// let engine = recourse_payments::Engine::default_store()?;
    /// let out = engine.call_json("money.allocate",
    ///     br#"{"total":{"amount":"10","currency":"JPY"},"ratios":[1,1,1]}"#)?;
    /// assert!(out.starts_with(r#"{"parts":[{"amount":"4","currency":"JPY"}"#));
    /// # Ok::<(), recourse_payments::Error>(())
    /// ```
    pub fn call_json(&self, operation: &str, input: &[u8]) -> Result<String, Error> {
        ops::call_json(&self.compiled, find(operation), input)
    }

    /// Runs `operation` on each request of a JSON array and returns a JSON array of
    /// `{"output": ...}` or `{"error": {"code", "path", "message"}}`, in order. One bad request
    /// does not stop the others.
    ///
    /// # Errors
    /// `input.unknown_operation`, the input limits, `input.invalid_utf8`, or
    /// `input.malformed_json` when the batch itself is not a JSON array.
    pub fn call_batch_json(&self, operation: &str, inputs: &[u8]) -> Result<String, Error> {
        ops::call_batch_json(&self.compiled, find(operation), inputs)
    }
}

/// Compiles `config` in one pass: the shared services, then each capability in the order
/// of the list. Returns the compiled engine (`None` when the configuration cannot be
/// written as JSON, so has no fingerprint) with every problem found, each with its path.
fn compile(config: &Config) -> (Option<Compiled>, Vec<Error>) {
    let mut problems = Vec::new();
    let Some(services) = services(config, &mut problems) else {
        return (None, problems);
    };
    let mut compiled = Compiled::new(services);
    compile_capabilities(config, &mut compiled, &mut problems);
    // A problem two capabilities find (a calendar both count on) is said once.
    let mut seen: Vec<(&'static str, String)> = Vec::new();
    problems.retain(|p| {
        let key = (p.code(), p.path().to_owned());
        let new = !seen.contains(&key);
        if new {
            seen.push(key);
        }
        new
    });
    (Some(compiled), problems)
}

/// The services of `config`: the store, currencies, limits and calendars, each compiled
/// once; their problems go to `problems`.
fn services(config: &Config, problems: &mut Vec<Error>) -> Option<Services> {
    store_problems(config, problems);
    let reported = problems.len();
    let currencies =
        CurrencyTable::new(config.currencies.processors.clone()).unwrap_or_else(|(path, e)| {
            if problems.len() == reported {
                problems.push(Error::new(e, format!("currencies.processors.{path}")));
            }
            CurrencyTable::default()
        });
    // A sorted vector, not a `BTreeMap`: see `crate::sort::SortedMap`.
    let mut calendars = SortedMap::default();
    for (name, c) in &config.calendars {
        match c.build() {
            Ok(cal) => {
                calendars.slot(name.as_str(), || (name.clone(), cal));
            }
            Err(found) => {
                let prefix = format!("calendars.{name}");
                problems.extend(found.into_iter().map(|e| e.under(&prefix)));
            }
        }
    }
    let canonical = crate::canonical::encode(config).ok()?;
    Some(Services {
        store_name: config.store.name.clone(),
        default_locale: config.store.default_locale,
        locales: config.store.locales.clone(),
        #[cfg(feature = "ticket")]
        categories: Some(crate::ticket::category_ids(&config.tickets)),
        #[cfg(not(feature = "ticket"))]
        categories: None,
        #[cfg(feature = "ticket")]
        stage_links: crate::ticket::stage_links(&config.tickets),
        #[cfg(not(feature = "ticket"))]
        stage_links: Vec::new(),
        fingerprint: receipt::digest(canonical.as_bytes()),
        currencies,
        calendars,
        calendar_names: config.calendars.keys().cloned().collect(),
        limits: config.limits,
    })
}

/// The problems of the store, currencies and limits sections.
fn store_problems(config: &Config, problems: &mut Vec<Error>) {
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
}

impl<C: Capability> ops::Provides<C> for Engine {
    fn context(&self) -> Result<Context<'_, C>, Error> {
        ops::Provides::context(&self.compiled)
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
    decode_config(&read_config_value(text, parse)?)
}

/// Parses configuration text with `parse` once its size is allowed.
fn read_config_value(
    text: &str,
    parse: fn(&str) -> Result<serde_json::Value, Error>,
) -> Result<serde_json::Value, Error> {
    if text.len() > MAX_CONFIG_BYTES {
        return Err(Error::new(
            ConfigError::TooLarge {
                limit: MAX_CONFIG_BYTES,
            },
            ".",
        ));
    }
    parse(text)
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
            let text = serde_json::to_string(&from_toml).unwrap() + "\n";
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
    fn a_calendar_that_never_opens_is_one_problem_whoever_counts_on_it() {
        let text = "[store]\nname = \"x\"\n[calendars.desk]\ntime_zone = \"UTC\"\n\
                    [dispute]\ncalendar = \"desk\"\nbuffer_business_days = 2\n\
                    [payment]\nbank_calendar = \"desk\"\n";
        let problems = Engine::check(text);
        let at: Vec<(&str, &str)> = problems.iter().map(|p| (p.code(), p.path())).collect();
        assert_eq!(at, [("calendar.no_open_hours", "calendars.desk.hours")]);
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

    #[test]
    fn check_reads_past_mistakes_of_shape_and_checks_the_rest() {
        // An unknown key (reported at its object, without the key), a number for a locale,
        // then a problem only the semantic pass sees.
        let problems = Engine::check(
            "[store]\nname = \"Shop\"\nslogan = \"x\"\ndefault_locale = 5\n\
             [limits]\nmax_bytes = 0\n",
        );
        let found: Vec<_> = problems
            .iter()
            .map(|e| (e.path().to_owned(), e.code()))
            .collect();
        assert_eq!(
            found,
            [
                ("store".to_owned(), "config.invalid"),
                ("store.default_locale".to_owned(), "config.invalid"),
                ("limits.max_bytes".to_owned(), "config.invalid"),
            ]
        );
        // A required field of the wrong type takes its object out: the missing field that
        // follows is not reported again.
        assert_eq!(Engine::check("[store]\nname = 5\n").len(), 1);
        assert_eq!(
            Engine::check("store = [").first().map(Error::code),
            Some("config.syntax")
        );
    }
}
