//! `recourse`: the command line for operators and support engineers.
//!
//! `recourse ops` lists the operations; `recourse schema OP` prints their JSON Schemas;
//! `recourse run OP` answers one request; `recourse check FILE` validates a configuration;
//! `recourse demo` walks through a real support case on the embedded default store.

mod demo;
mod dispute;
mod hints;
mod lines;
mod locate;
mod monitor;
mod refund;
mod text;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use recourse_payments::{Engine, Error};

/// Support logic for payments: decide, compute the exact money, say when things are due,
/// and explain why.
#[derive(Parser)]
#[command(name = "recourse", version, about)]
struct Cli {
    /// Output format: JSON by default (text for `demo` and `ops`).
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// JSON, exactly as every binding returns it.
    Json,
    /// Human-readable text.
    Text,
}

#[derive(Subcommand)]
enum Command {
    /// List the operations, one per line, name first (`--format json`: the JSON list every
    /// host gives).
    Ops,
    /// Print an operation's input and output JSON Schemas (`config` for the configuration's).
    Schema {
        /// The operation, such as `money.allocate`, or `config`.
        operation: String,
    },
    /// Run one operation: the request from a file or standard input, the response on stdout.
    Run {
        /// The operation, such as `money.allocate`.
        operation: String,
        /// Configuration file (TOML or JSON); the embedded default store without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Request file, or `-` for standard input.
        #[arg(long, default_value = "-")]
        input: String,
    },
    /// Validate a configuration file and report every problem with its path.
    Check {
        /// Configuration file (TOML or JSON).
        file: PathBuf,
    },
    /// Print a configuration file (TOML or JSON) as JSON, every default spelled out, once it
    /// checks: the form the npm package reads, which has no TOML reader.
    Config {
        /// Configuration file (TOML or JSON).
        file: PathBuf,
    },
    /// Walk through a real support case end to end on the embedded default store.
    Demo,
    /// Print a refund policy's customer-facing text (plain; Markdown with `--markdown`;
    /// the structured sections with `--format json`).
    Disclose {
        /// Configuration file (TOML or JSON); the embedded default store without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The policy; the configuration's default without it.
        #[arg(long)]
        policy: Option<String>,
        /// The language: en, pt-BR, es or el; the store's default without it.
        #[arg(long)]
        locale: Option<String>,
        /// The customer to address.
        #[arg(long)]
        customer_name: Option<String>,
        /// Print Markdown instead of plain text.
        #[arg(long)]
        markdown: bool,
    },
    /// Evaluate a refund policy over past cases streamed from a JSON-lines file (one
    /// `refund.evaluate` request per line) and print the totals. A line that cannot be read
    /// or evaluated is counted as an error with its line number; the others go on.
    Simulate {
        /// The cases: a JSON-lines file, or `-` for standard input.
        #[arg(long)]
        cases: String,
        /// Configuration file (TOML or JSON); the embedded default store without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The policy to simulate; the configuration's default without it.
        #[arg(long)]
        policy: Option<String>,
        /// A second policy to run over the same cases, side by side.
        #[arg(long)]
        compare_with: Option<String>,
        /// Threads to fold the cases on (0: one per core). The totals are the same bytes
        /// whatever the number.
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
    /// Root causes over past disputes streamed from a JSON-lines file (one `dispute.analyze`
    /// case per line): by category, product, channel, payment method and days since
    /// purchase, the share a timely refund would have prevented, the top causes. A line that
    /// cannot be read is counted under its error code; the others go on.
    Disputes {
        /// The disputes: a JSON-lines file, or `-` for standard input.
        #[arg(long)]
        cases: String,
        /// Configuration file (TOML or JSON); the embedded default store without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The language of the actions: en, pt-BR, es or el; the store's default without it.
        #[arg(long)]
        locale: Option<String>,
    },
    /// Suspected duplicate charges over payment events streamed from a JSON-lines file (one
    /// `monitor.duplicates` event per line, oldest first), with flat memory: each group with
    /// its evidence and the `refund.evaluate` request for each duplicate.
    Duplicates {
        /// The events: a JSON-lines file, or `-` for standard input.
        #[arg(long)]
        events: String,
        /// The instant of the check (RFC 3339 with offset); no event may be later.
        #[arg(long)]
        now: String,
        /// A preset instead of the store's: braintree, authorize_net, helcim, cardstream,
        /// recourse.
        #[arg(long)]
        preset: Option<String>,
        /// A window instead of the store's, in seconds.
        #[arg(long)]
        window_seconds: Option<u32>,
        /// Configuration file (TOML or JSON); the embedded default store without it.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The language of the alerts: en, pt-BR, es or el; the store's default without it.
        #[arg(long)]
        locale: Option<String>,
    },
}

fn main() -> ExitCode {
    restore_default_sigpipe();
    let cli = Cli::parse();
    match execute(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let hints = hints::for_error(&cli.command, &e);
            match cli.format.unwrap_or_else(|| cli.command.default_format()) {
                Format::Json => eprintln!("{}", hints::error_json(&e, &hints)),
                Format::Text => eprint!("{}", hints::error_text(&e, &hints)),
            }
            ExitCode::from(2)
        }
    }
}

impl Command {
    /// The format a command answers in without `--format`: text for the commands people
    /// read (and their errors), JSON for those whose answer a program reads.
    fn default_format(&self) -> Format {
        match self {
            Self::Ops | Self::Demo | Self::Disclose { .. } | Self::Check { .. } => Format::Text,
            _ => Format::Json,
        }
    }
}

/// `recourse ... | head` should end quietly when `head` closes the pipe, as other command
/// line tools do, instead of failing on the next write.
#[cfg(unix)]
#[allow(unsafe_code)]
fn restore_default_sigpipe() {
    // SAFETY: called first thing in `main`, before any thread starts; SIG_DFL is a valid
    // disposition for SIGPIPE and nothing in this program installs its own handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}

/// `recourse ops`: every operation, as JSON or one line each with its summary.
fn ops(format: Option<Format>) {
    if format == Some(Format::Json) {
        println!("{}", recourse_payments::host::operations_json());
        return;
    }
    for op in recourse_payments::engine::registry() {
        println!("{:<24} {}", op.name, op.summary);
    }
}

fn execute(cli: &Cli) -> Result<(), Error> {
    match &cli.command {
        Command::Ops => {
            ops(cli.format);
            Ok(())
        }
        Command::Schema { operation } => schema(operation),
        Command::Run {
            operation,
            config,
            input,
        } => {
            let engine = load_engine(config.as_ref())?;
            let request = read_input(input)?;
            let answer = engine.call_json(operation, &request)?;
            emit(cli.format, &answer, text::render);
            Ok(())
        }
        Command::Check { file } => check(file, cli.format.unwrap_or(Format::Text)),
        Command::Config { file } => config(file),
        Command::Demo => demo::run(cli.format == Some(Format::Json)),
        Command::Disclose {
            config,
            policy,
            locale,
            customer_name,
            markdown,
        } => disclose(
            cli.format,
            config.as_ref(),
            [policy, locale, customer_name],
            *markdown,
        ),
        Command::Simulate {
            cases,
            config,
            policy,
            compare_with,
            threads,
        } => {
            let engine = load_engine(config.as_ref())?;
            let policies = [policy.as_deref(), compare_with.as_deref()];
            let out = refund::simulate(&engine, cases, policies, *threads)?;
            emit(cli.format, &out, refund::simulate_text);
            Ok(())
        }
        Command::Disputes {
            cases,
            config,
            locale,
        } => {
            let engine = load_engine(config.as_ref())?;
            let out = dispute::analyze(&engine, cases, locale.as_deref())?;
            emit(cli.format, &out, text::render);
            Ok(())
        }
        Command::Duplicates {
            events,
            now,
            preset,
            window_seconds,
            config,
            locale,
        } => {
            let engine = load_engine(config.as_ref())?;
            let request =
                monitor::request(now, preset.as_deref(), *window_seconds, locale.as_deref())?;
            let out = monitor::duplicates(&engine, &monitor::Options { events, request })?;
            emit(cli.format, &out, text::render);
            Ok(())
        }
    }
}

/// `recourse config`: a configuration file as JSON, every default spelled out, once it checks.
fn config(file: &Path) -> Result<(), Error> {
    let engine = Engine::from_text(&read_file(file, "file")?)?;
    let json = serde_json::to_string_pretty(engine.config()).map_err(|_| {
        let detail = "the configuration cannot be written as JSON".to_owned();
        Error::new(recourse_payments::ops::InputError::Invalid { detail }, ".")
    })?;
    println!("{json}");
    Ok(())
}

/// Prints an answer that is JSON: as it is by default, or as `render` writes it for people
/// with `--format text`.
fn emit(format: Option<Format>, json: &str, render: fn(&serde_json::Value) -> String) {
    match format.unwrap_or(Format::Json) {
        Format::Json => println!("{json}"),
        Format::Text => print!("{}", render(&parse(json))),
    }
}

/// `recourse schema`: an operation's input and output JSON Schemas, or the configuration's.
fn schema(operation: &str) -> Result<(), Error> {
    if operation == "config" {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<recourse_payments::Config>();
        println!(
            "{}",
            serde_json::to_string_pretty(&schema).unwrap_or_default()
        );
        return Ok(());
    }
    let op = recourse_payments::engine::find(operation).ok_or_else(unknown_operation)?;
    let schemas = serde_json::json!({
        "operation": op.name,
        "input": op.input_schema(),
        "output": op.output_schema(),
    });
    println!("{}", pretty(&schemas));
    Ok(())
}

/// `recourse disclose`: a policy's customer-facing text, plain, Markdown or JSON.
fn disclose(
    format: Option<Format>,
    config: Option<&PathBuf>,
    [policy, locale, customer_name]: [&Option<String>; 3],
    markdown: bool,
) -> Result<(), Error> {
    let engine = load_engine(config)?;
    let request = serde_json::json!({
        "policy": policy,
        "locale": locale,
        "customer_name": customer_name,
    });
    // Absent options are left out rather than sent as null.
    let request: serde_json::Map<String, serde_json::Value> = request
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let answer = engine.call_json(
        "refund.disclose",
        serde_json::Value::Object(request).to_string().as_bytes(),
    )?;
    let value = parse(&answer);
    let field = if markdown { "markdown" } else { "text" };
    match format {
        Some(Format::Json) => println!("{answer}"),
        _ => print!(
            "{}",
            value.get(field).and_then(|v| v.as_str()).unwrap_or("")
        ),
    }
    Ok(())
}

/// A problem with its line and column in the file and the id of its rule, where known.
type Located<'a> = (&'a Error, Option<(usize, usize)>, Option<String>);

/// `recourse check`: every problem of a configuration file, each with its path, the line
/// and column in the file, and the rule it belongs to, on standard output; exit code 2 when
/// there are any.
fn check(file: &Path, format: Format) -> Result<(), Error> {
    let text = read_file(file, "file")?;
    let problems = Engine::check(&text);
    let value = locate::config_value(&text).unwrap_or_default();
    let mut located: Vec<Located<'_>> = problems
        .iter()
        .map(|p| {
            let at = locate::position(&text, p.path());
            (p, at, locate::rule_id(&value, p.path()))
        })
        .collect();
    // In the file's order, as people read it; problems without a place last.
    located.sort_by_key(|(_, at, _)| at.unwrap_or((usize::MAX, usize::MAX)));
    // Warnings do not stop the engine: they are read from a configuration that builds.
    let warnings = if problems.is_empty() {
        Engine::from_text(&text)
            .map(|e| e.warnings())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let warned: Vec<Located<'_>> = warnings
        .iter()
        .map(|w| (w, locate::position(&text, w.path()), None))
        .collect();
    match format {
        Format::Json => println!("{}", check_json(&located, &warned)),
        Format::Text if problems.is_empty() => {
            print_warnings(file, &warned);
            println!("{}: ok", file.display());
        }
        Format::Text => {
            for (p, at, rule) in &located {
                let place = at.map_or_else(String::new, |(l, c)| format!("{l}:{c}:"));
                let rule = rule
                    .as_ref()
                    .map_or_else(String::new, |id| format!(" (rule {id})"));
                println!(
                    "{}:{place} {}: {} [{}]{rule}",
                    file.display(),
                    p.path(),
                    p.message(),
                    p.code()
                );
            }
            println!(
                "{} problem{}",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        std::process::exit(2);
    }
}

/// Each warning on a line: the file, line and column, path, what to look at.
fn print_warnings(file: &Path, warned: &[Located<'_>]) {
    for (w, at, _) in warned {
        let place = at.map_or_else(String::new, |(l, c)| format!("{l}:{c}:"));
        println!(
            "{}:{place} warning: {}: {}",
            file.display(),
            w.path(),
            w.message()
        );
    }
}

/// `{"ok": ..., "problems": [...]}`: each problem as every host writes it, with its `line`,
/// `column` and `rule` where the file has them; and `warnings`, the same way, when any.
fn check_json(located: &[Located<'_>], warned: &[Located<'_>]) -> String {
    let mut out = serde_json::json!({
        "ok": located.is_empty(),
        "problems": located_json(located),
    });
    if let (false, Some(object)) = (warned.is_empty(), out.as_object_mut()) {
        object.insert("warnings".into(), located_json(warned).into());
    }
    out.to_string()
}

/// Errors as every host writes them, with their `line`, `column` and `rule` where known.
fn located_json(located: &[Located<'_>]) -> Vec<serde_json::Value> {
    let problems: Vec<Error> = located.iter().map(|(p, _, _)| (*p).clone()).collect();
    let list = recourse_payments::host::problems_json(&problems);
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&list).unwrap_or_default();
    for (entry, (_, at, rule)) in list.iter_mut().zip(located) {
        if let Some(object) = entry.as_object_mut() {
            if let Some((line, column)) = at {
                object.insert("line".into(), (*line).into());
                object.insert("column".into(), (*column).into());
            }
            if let Some(rule) = rule {
                object.insert("rule".into(), rule.clone().into());
            }
        }
    }
    list
}

pub(crate) fn load_engine(config: Option<&PathBuf>) -> Result<Engine, Error> {
    match config {
        Some(path) => Engine::from_text(&read_file(path, "--config")?),
        None => Engine::default_store(),
    }
}

fn read_input(input: &str) -> Result<Vec<u8>, Error> {
    if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|_| io_error("standard input"))?;
        Ok(bytes)
    } else {
        std::fs::read(input).map_err(|e| unreadable(Path::new(input), &e, "--input"))
    }
}

/// The text of the file at `path`, given by the argument `argument`.
fn read_file(path: &Path, argument: &str) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| unreadable(path, &e, argument))
}

/// `input.invalid` at the argument that named a file which cannot be read: the file (the
/// operator's own argument) and the system's reason, as `ls` or `cat` would say them.
pub(crate) fn unreadable(path: &Path, error: &std::io::Error, argument: &str) -> Error {
    let reason = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
        _ if path.is_dir() => "a directory, not a file".to_owned(),
        _ => error.to_string(),
    };
    let detail = format!("cannot read {}: {reason}", path.display());
    Error::new(
        recourse_payments::ops::InputError::Invalid { detail },
        argument,
    )
}

fn io_error(what: &str) -> Error {
    Error::new(
        recourse_payments::ops::InputError::Invalid {
            detail: format!("cannot read the {what}"),
        },
        ".",
    )
}

fn unknown_operation() -> Error {
    Error::new(recourse_payments::ops::InputError::UnknownOperation, ".")
}

fn parse(json: &str) -> serde_json::Value {
    serde_json::from_str(json).unwrap_or(serde_json::Value::Null)
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
