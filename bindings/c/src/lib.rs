//! The C ABI of Recourse: `librecourse.so` (soname `librecourse.so.0`), `librecourse.a` and
//! `include/recourse.h`, generated from this file by cbindgen.
//!
//! Every operation of the core is reached by name through one call, with JSON bytes in and
//! a library-owned JSON buffer out, so a new operation appears here with no new C code.
//!
//! Conventions (after rustls-ffi's):
//! - every symbol starts with `recourse_`; handles (`recourse_engine`, `recourse_buffer`,
//!   `recourse_error`) are opaque, created by the library and freed by their own `_free`;
//! - fallible functions return a `recourse_status` (0 = OK) and write their outputs only on
//!   success, and their error only on failure;
//! - inputs are (pointer, length) pairs of UTF-8 bytes; a NULL pointer is always an error;
//! - every function body runs inside one panic firewall: a panic becomes
//!   `RECOURSE_STATUS_PANIC`, never an abort of the host.
#![allow(unsafe_code)] // The one crate that needs it: each block states why it is sound.
#![deny(
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks,
    clippy::multiple_unsafe_ops_per_block,
    missing_docs
)]
#![allow(non_camel_case_types)] // C names: `recourse_engine`, `recourse_status`.

use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use recourse_payments::ops::InputError;
use recourse_payments::Engine;

/// The version of the C ABI. It changes only when a symbol's meaning or signature changes
/// incompatibly; the shared library's soname carries it (`librecourse.so.0` for 0 and 1).
pub const RECOURSE_ABI_VERSION: u32 = 1;

/// What a fallible function answers. Outputs are written only with `RECOURSE_STATUS_OK`;
/// the error (when the caller passed somewhere to put it) only with any other status.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum recourse_status {
    /// Success: the outputs were written.
    Ok = 0,
    /// A pointer argument was NULL. The error's code is `ffi.null_argument` and its path
    /// names the argument.
    NullArgument = 1,
    /// The library refused the request: bad configuration, bad input, unknown operation,
    /// or anything the operation cannot answer. The error carries the stable code.
    Error = 2,
    /// A bug inside the library was caught before it could reach the host. The error's code
    /// is `ffi.panic`. The engine stays usable; please report the input that caused it.
    Panic = 3,
}

/// A compiled configuration: every operation answers from one. Immutable.
///
/// Thread safety: one engine may be used by any number of threads at once (all calls take
/// it as `const`); it must be freed once, after every call on it has returned.
pub struct recourse_engine {
    engine: Engine,
    fingerprint: CString,
}

/// Bytes the library allocated: a JSON answer. Read it with `recourse_buffer_data` and
/// `recourse_buffer_len`; free it with `recourse_buffer_free`.
///
/// Thread safety: immutable; may be read from any thread, freed once.
pub struct recourse_buffer {
    /// The bytes followed by one NUL, which `len` does not count.
    bytes: Vec<u8>,
}

/// Why a call failed: a stable code (`input.malformed_json`, `money.caps_infeasible`, ...),
/// the JSON path of the culprit (`.` for the whole input; for a bad argument, its name) and
/// a message for developers that never repeats the input.
///
/// Thread safety: immutable; may be read from any thread, freed once.
pub struct recourse_error {
    code: CString,
    path: CString,
    message: CString,
}

/// A failure on its way out to the caller.
enum Failure {
    Null(&'static str),
    Core(recourse_payments::Error),
    Panic,
}

impl Failure {
    fn status(&self) -> recourse_status {
        match self {
            Self::Null(_) => recourse_status::NullArgument,
            Self::Core(_) => recourse_status::Error,
            Self::Panic => recourse_status::Panic,
        }
    }

    fn into_error(self) -> recourse_error {
        let (code, path, message) = match self {
            Self::Null(arg) => (
                "ffi.null_argument".to_owned(),
                arg.to_owned(),
                "a pointer argument was NULL".to_owned(),
            ),
            Self::Core(e) => (e.code().to_owned(), e.path().to_owned(), e.message()),
            Self::Panic => (
                "ffi.panic".to_owned(),
                ".".to_owned(),
                "an internal error was caught; the call had no effect".to_owned(),
            ),
        };
        recourse_error {
            code: c_string(code),
            path: c_string(path),
            message: c_string(message),
        }
    }
}

impl From<recourse_payments::Error> for Failure {
    fn from(e: recourse_payments::Error) -> Self {
        Self::Core(e)
    }
}

/// A C string from text that may hold NUL characters (a JSON key can): they are dropped.
fn c_string(text: String) -> CString {
    CString::new(text).unwrap_or_else(|e| {
        let mut bytes = e.into_vec();
        bytes.retain(|&b| b != 0);
        CString::new(bytes).unwrap_or_default()
    })
}

/// The panic firewall every exported function runs in.
///
/// `firewall!(error_out => body)`: `body` gives `Result<(), Failure>`; the function returns
/// the status, and on failure writes a new `recourse_error` to `*error_out` (when non-NULL).
/// `firewall!(fallback => body)` with `value`: `body` gives the value; a panic gives
/// `fallback`.
macro_rules! firewall {
    (status $error_out:expr => $body:block) => {{
        let error_out: *mut *mut recourse_error = $error_out;
        let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), Failure> { $body }));
        let failure = match outcome {
            Ok(Ok(())) => return recourse_status::Ok,
            Ok(Err(failure)) => failure,
            Err(_) => Failure::Panic,
        };
        report(failure, error_out)
    }};
    (value $fallback:expr => $body:block) => {{
        catch_unwind(AssertUnwindSafe(|| $body)).unwrap_or($fallback)
    }};
}

/// Writes `failure` to `*error_out` (unless `error_out` is NULL) and returns its status.
fn report(failure: Failure, error_out: *mut *mut recourse_error) -> recourse_status {
    let status = failure.status();
    if !error_out.is_null() {
        let written = catch_unwind(AssertUnwindSafe(|| Box::new(failure.into_error())));
        if let Ok(error) = written {
            // SAFETY: `error_out` is non-NULL and, by the documented contract of every
            // function taking it, points to writable storage for one pointer.
            unsafe { error_out.write(Box::into_raw(error)) };
        }
    }
    status
}

/// Borrows `len` bytes at `ptr`, refusing NULL and lengths no allocation can have.
///
/// # Safety
/// When non-NULL, `ptr` must point to `len` readable bytes that stay unchanged for `'a`.
unsafe fn bytes_arg<'a>(
    ptr: *const c_char,
    len: usize,
    name: &'static str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return Err(Failure::Null(name));
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::Core(recourse_payments::Error::new(
            InputError::TooLarge {
                limit: isize::MAX.unsigned_abs(),
            },
            name,
        )));
    }
    // SAFETY: `ptr` is non-NULL and the caller guarantees `len` readable bytes that outlive
    // `'a`; `len` fits in `isize`, as `from_raw_parts` requires.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows UTF-8 text at (`ptr`, `len`); invalid UTF-8 is `input.invalid_utf8` at `name`.
///
/// # Safety
/// As [`bytes_arg`].
unsafe fn text_arg<'a>(
    ptr: *const c_char,
    len: usize,
    name: &'static str,
) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from this function's own contract.
    let bytes = unsafe { bytes_arg(ptr, len, name) }?;
    std::str::from_utf8(bytes)
        .map_err(|_| Failure::Core(recourse_payments::Error::new(InputError::InvalidUtf8, name)))
}

/// Refuses a NULL out-pointer.
fn out_arg<T>(ptr: *mut *mut T, name: &'static str) -> Result<*mut *mut T, Failure> {
    if ptr.is_null() {
        Err(Failure::Null(name))
    } else {
        Ok(ptr)
    }
}

/// Borrows the engine behind a handle, refusing NULL.
///
/// # Safety
/// When non-NULL, `engine` must come from `recourse_engine_new*` and not yet be freed.
unsafe fn engine_arg<'a>(engine: *const recourse_engine) -> Result<&'a recourse_engine, Failure> {
    // SAFETY: a non-NULL handle is a live `Box<recourse_engine>` by the caller's contract;
    // it is only read (engines are immutable and `Sync`).
    unsafe { engine.as_ref() }.ok_or(Failure::Null("engine"))
}

/// Moves `value` to the heap and writes its address to `*out`.
///
/// # Safety
/// `out` must be non-NULL and point to writable storage for one pointer.
unsafe fn give<T>(out: *mut *mut T, value: T) {
    // SAFETY: guaranteed by the caller.
    unsafe { out.write(Box::into_raw(Box::new(value))) };
}

/// Frees the handle `*handle` points to and sets `*handle` to NULL.
///
/// # Safety
/// `handle` NULL, or pointing to NULL, or to a pointer from `Box::into_raw` not yet freed.
unsafe fn free_handle<T>(handle: *mut *mut T) {
    if handle.is_null() {
        return;
    }
    // SAFETY: `handle` is non-NULL and points to a readable, writable pointer.
    let raw = unsafe { handle.replace(std::ptr::null_mut()) };
    if !raw.is_null() {
        // SAFETY: `raw` came from `Box::into_raw` and, being still stored in `*handle`, was
        // not freed through this guard before.
        drop(unsafe { Box::from_raw(raw) });
    }
}

fn buffer(text: String) -> recourse_buffer {
    let mut bytes = text.into_bytes();
    bytes.push(0);
    recourse_buffer { bytes }
}

/// The library's version, such as `"0.1.0"`: a static NUL-terminated string, never freed.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn recourse_version() -> *const c_char {
    firewall!(value std::ptr::null() => {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast::<c_char>()
    })
}

/// The ABI version this library implements (`RECOURSE_ABI_VERSION` of its header). A host
/// compiled against header version N should refuse a library answering another number.
/// Thread safety: any thread.
#[no_mangle]
pub extern "C" fn recourse_abi_version() -> u32 {
    firewall!(value 0 => { RECOURSE_ABI_VERSION })
}

/// Builds an engine from configuration text, TOML or JSON (JSON when it starts with `{`).
///
/// On `RECOURSE_STATUS_OK`, writes a new engine to `*engine_out`, which the caller owns and
/// frees with `recourse_engine_free`. Otherwise writes a new error to `*error_out` (free it
/// with `recourse_error_free`) and leaves `*engine_out` untouched. Codes: `config.syntax`,
/// `config.invalid`, `config.too_large`, `input.invalid_utf8` (path `config`), the area codes
/// of invalid values, `ffi.null_argument`.
///
/// `config` must point to `config_len` readable bytes (not necessarily NUL-terminated); they
/// are not kept. Every pointer must be non-NULL.
/// Thread safety: any thread.
///
/// # Safety
/// The pointers must be valid as described.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_new(
    config: *const c_char,
    config_len: usize,
    engine_out: *mut *mut recourse_engine,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let engine_out = out_arg(engine_out, "engine_out")?;
        // SAFETY: the caller passes `config_len` readable bytes at `config`.
        let text = unsafe { text_arg(config, config_len, "config") }?;
        let engine = Engine::from_text(text)?;
        let handle = new_handle(engine);
        // SAFETY: `engine_out` is non-NULL and writable by the caller's contract.
        unsafe { give(engine_out, handle) };
        Ok(())
    })
}

/// Builds the engine of the embedded default store (no configuration needed).
///
/// Ownership and outputs as `recourse_engine_new`. Thread safety: any thread.
///
/// # Safety
/// The pointers must be valid as described.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_new_default(
    engine_out: *mut *mut recourse_engine,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let engine_out = out_arg(engine_out, "engine_out")?;
        let handle = new_handle(Engine::default_store()?);
        // SAFETY: `engine_out` is non-NULL and writable by the caller's contract.
        unsafe { give(engine_out, handle) };
        Ok(())
    })
}

fn new_handle(engine: Engine) -> recourse_engine {
    let fingerprint = c_string(engine.fingerprint().to_owned());
    recourse_engine {
        engine,
        fingerprint,
    }
}

/// Frees the engine `*engine` and sets `*engine` to NULL, so that freeing the same variable
/// twice is harmless. NULL, or a pointer to NULL, does nothing.
///
/// Rule: no call on the engine may be running or start later, from any thread; copies of the
/// pointer held elsewhere dangle after this.
///
/// # Safety
/// `engine` NULL, or pointing to NULL or to an engine from `recourse_engine_new*`.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_free(engine: *mut *mut recourse_engine) {
    firewall!(value () => {
        // SAFETY: as this function's contract.
        unsafe { free_handle(engine) }
    })
}

/// The engine's fingerprint, `sha256:` and 64 hex digits: a hash of its canonical
/// configuration, the one receipts quote. Borrowed from the engine: valid until it is freed,
/// never freed by the caller. NULL when `engine` is NULL. Thread safety: any thread.
///
/// # Safety
/// `engine` NULL or a live engine.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_fingerprint(
    engine: *const recourse_engine,
) -> *const c_char {
    firewall!(value std::ptr::null() => {
        // SAFETY: as this function's contract.
        match unsafe { engine_arg(engine) } {
            Ok(handle) => handle.fingerprint.as_ptr(),
            Err(_) => std::ptr::null(),
        }
    })
}

/// Runs the operation named (`operation`, `operation_len`), such as `money.allocate`, on the
/// JSON request (`input`, `input_len`).
///
/// On `RECOURSE_STATUS_OK`, writes to `*output_out` a new buffer holding the answer as
/// canonical JSON (the response's fields and `receipt`, keys sorted, compact, UTF-8): the
/// same bytes as every other host. The caller owns it and frees it with
/// `recourse_buffer_free`. Otherwise writes a new error to `*error_out` and leaves
/// `*output_out` untouched. Codes: `input.unknown_operation`, `input.invalid_utf8`,
/// `input.malformed_json`, `input.too_large` (the engine's `limits.max_bytes`),
/// `input.too_deep`, `input.list_too_long`, `input.invalid`, the operation's own codes,
/// `ffi.null_argument`, `ffi.panic`.
///
/// The input bytes are read during the call only. Every pointer must be non-NULL, even for
/// a zero length.
/// Thread safety: any number of threads may call this on one engine at once.
///
/// # Safety
/// The pointers must be valid as described.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_call(
    engine: *const recourse_engine,
    operation: *const c_char,
    operation_len: usize,
    input: *const c_char,
    input_len: usize,
    output_out: *mut *mut recourse_buffer,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let output_out = out_arg(output_out, "output_out")?;
        // SAFETY: the caller passes a live engine or NULL.
        let handle = unsafe { engine_arg(engine) }?;
        // SAFETY: the caller passes `operation_len` readable bytes at `operation`.
        let name = unsafe { text_arg(operation, operation_len, "operation") }?;
        // SAFETY: the caller passes `input_len` readable bytes at `input`.
        let input = unsafe { bytes_arg(input, input_len, "input") }?;
        let answer = handle.engine.call_json(name, input)?;
        // SAFETY: `output_out` is non-NULL and writable by the caller's contract.
        unsafe { give(output_out, buffer(answer)) };
        Ok(())
    })
}

/// Runs one operation on many requests in one call, for hosts that pay per crossing:
/// `inputs` is a JSON array of requests; the answer is a JSON array, in the same order, of
/// `{"output": ...}` (the answer `recourse_engine_call` would give) or
/// `{"error": {"code", "path", "message"}}` (the path under `[i]`). One bad request does not
/// stop the others.
///
/// Fails as a whole (status `RECOURSE_STATUS_ERROR`) only for an unknown operation, bytes
/// over the limits, invalid UTF-8, or `inputs` not being a JSON array. Ownership, outputs and
/// thread safety as `recourse_engine_call`.
///
/// # Safety
/// The pointers must be valid as described.
#[no_mangle]
pub unsafe extern "C" fn recourse_engine_call_batch(
    engine: *const recourse_engine,
    operation: *const c_char,
    operation_len: usize,
    inputs: *const c_char,
    inputs_len: usize,
    output_out: *mut *mut recourse_buffer,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let output_out = out_arg(output_out, "output_out")?;
        // SAFETY: the caller passes a live engine or NULL.
        let handle = unsafe { engine_arg(engine) }?;
        // SAFETY: the caller passes `operation_len` readable bytes at `operation`.
        let name = unsafe { text_arg(operation, operation_len, "operation") }?;
        // SAFETY: the caller passes `inputs_len` readable bytes at `inputs`.
        let inputs = unsafe { bytes_arg(inputs, inputs_len, "inputs") }?;
        let answer = handle.engine.call_batch_json(name, inputs)?;
        // SAFETY: `output_out` is non-NULL and writable by the caller's contract.
        unsafe { give(output_out, buffer(answer)) };
        Ok(())
    })
}

/// Lists every operation this library answers, as a JSON array of `{"name", "summary"}` in
/// registry order. Ownership and outputs as `recourse_engine_call`. Thread safety: any thread.
///
/// # Safety
/// The pointers must be valid as described.
#[no_mangle]
pub unsafe extern "C" fn recourse_operations_list(
    output_out: *mut *mut recourse_buffer,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let output_out = out_arg(output_out, "output_out")?;
        let text = recourse_payments::host::operations_json();
        // SAFETY: `output_out` is non-NULL and writable by the caller's contract.
        unsafe { give(output_out, buffer(text)) };
        Ok(())
    })
}

/// Checks a configuration, TOML or JSON (JSON when it starts with `{`), without building an
/// engine: writes to `*output_out` a JSON array of every problem found, each
/// `{"code", "message", "path"}`, or `[]` when the configuration is valid. The problems are
/// the answer, so an invalid configuration still returns `RECOURSE_STATUS_OK`; the status
/// is an error only for the call itself (`ffi.null_argument`, `input.invalid_utf8`).
/// Ownership and outputs as `recourse_engine_call`. Thread safety: any thread.
///
/// # Safety
/// `config` must point to `config_len` readable bytes; the other pointers must be valid as
/// described.
#[no_mangle]
pub unsafe extern "C" fn recourse_config_check(
    config: *const c_char,
    config_len: usize,
    output_out: *mut *mut recourse_buffer,
    error_out: *mut *mut recourse_error,
) -> recourse_status {
    firewall!(status error_out => {
        out_arg(error_out, "error_out")?;
        let output_out = out_arg(output_out, "output_out")?;
        // SAFETY: the caller passes `config_len` readable bytes at `config`.
        let text = unsafe { text_arg(config, config_len, "config") }?;
        // SAFETY: `output_out` is non-NULL and writable by the caller's contract.
        unsafe { give(output_out, buffer(recourse_payments::host::check_json(text))) };
        Ok(())
    })
}

/// The bytes of a buffer. Borrowed: valid until the buffer is freed. A NUL byte follows
/// them (not counted by `recourse_buffer_len`), so they may be read as a C string too.
/// NULL when `buffer` is NULL. Thread safety: any thread.
///
/// # Safety
/// `buffer` NULL or a live buffer.
#[no_mangle]
pub unsafe extern "C" fn recourse_buffer_data(buffer: *const recourse_buffer) -> *const c_char {
    firewall!(value std::ptr::null() => {
        // SAFETY: a non-NULL buffer is live by the caller's contract; it is only read.
        match unsafe { buffer.as_ref() } {
            Some(b) => b.bytes.as_ptr().cast::<c_char>(),
            None => std::ptr::null(),
        }
    })
}

/// The number of bytes in a buffer, without the trailing NUL. 0 when `buffer` is NULL.
/// Thread safety: any thread.
///
/// # Safety
/// `buffer` NULL or a live buffer.
#[no_mangle]
pub unsafe extern "C" fn recourse_buffer_len(buffer: *const recourse_buffer) -> usize {
    firewall!(value 0 => {
        // SAFETY: a non-NULL buffer is live by the caller's contract; it is only read.
        unsafe { buffer.as_ref() }.map_or(0, |b| b.bytes.len().saturating_sub(1))
    })
}

/// Frees the buffer `*buffer` and sets `*buffer` to NULL, so that freeing the same variable
/// twice is harmless. NULL, or a pointer to NULL, does nothing. Pointers from
/// `recourse_buffer_data` dangle afterwards.
///
/// # Safety
/// `buffer` NULL, or pointing to NULL or to a buffer from this library.
#[no_mangle]
pub unsafe extern "C" fn recourse_buffer_free(buffer: *mut *mut recourse_buffer) {
    firewall!(value () => {
        // SAFETY: as this function's contract.
        unsafe { free_handle(buffer) }
    })
}

/// The error's stable code, such as `input.malformed_json`: the same in every binding.
/// Borrowed NUL-terminated string, valid until the error is freed. NULL when `error` is NULL.
/// Thread safety: any thread.
///
/// # Safety
/// `error` NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn recourse_error_code(error: *const recourse_error) -> *const c_char {
    firewall!(value std::ptr::null() => {
        // SAFETY: a non-NULL error is live by the caller's contract; it is only read.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| e.code.as_ptr())
    })
}

/// The JSON path of the culprit, such as `ratios[2]` (`.` for the whole input; the argument's
/// name, such as `input`, for a bad argument). Borrowed as `recourse_error_code`.
///
/// # Safety
/// `error` NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn recourse_error_path(error: *const recourse_error) -> *const c_char {
    firewall!(value std::ptr::null() => {
        // SAFETY: a non-NULL error is live by the caller's contract; it is only read.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| e.path.as_ptr())
    })
}

/// A message for developers, in English; it never repeats the input. Borrowed as
/// `recourse_error_code`.
///
/// # Safety
/// `error` NULL or a live error.
#[no_mangle]
pub unsafe extern "C" fn recourse_error_message(error: *const recourse_error) -> *const c_char {
    firewall!(value std::ptr::null() => {
        // SAFETY: a non-NULL error is live by the caller's contract; it is only read.
        unsafe { error.as_ref() }.map_or(std::ptr::null(), |e| e.message.as_ptr())
    })
}

/// Frees the error `*error` and sets `*error` to NULL, so that freeing the same variable
/// twice is harmless. NULL, or a pointer to NULL, does nothing.
///
/// # Safety
/// `error` NULL, or pointing to NULL or to an error from this library.
#[no_mangle]
pub unsafe extern "C" fn recourse_error_free(error: *mut *mut recourse_error) {
    firewall!(value () => {
        // SAFETY: as this function's contract.
        unsafe { free_handle(error) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status_of(body: impl FnOnce() -> Result<(), Failure>) -> (recourse_status, String) {
        let mut error: *mut recourse_error = std::ptr::null_mut();
        let status = (|| firewall!(status &mut error => { body() }))();
        // SAFETY: `error` is NULL or was written by `report`.
        let code = unsafe { error.as_ref() }
            .map(|e| e.code.to_string_lossy().into_owned())
            .unwrap_or_default();
        // SAFETY: `error` is NULL or a live error.
        unsafe { recourse_error_free(&mut error) };
        (status, code)
    }

    #[test]
    fn the_firewall_turns_a_panic_into_a_status() {
        #[allow(clippy::panic)]
        let (status, code) = status_of(|| panic!("a bug"));
        assert_eq!(
            (status, code.as_str()),
            (recourse_status::Panic, "ffi.panic")
        );
        let (status, code) = status_of(|| Ok(()));
        assert_eq!((status, code.as_str()), (recourse_status::Ok, ""));
        let (status, code) = status_of(|| Err(Failure::Null("input")));
        assert_eq!(
            (status, code.as_str()),
            (recourse_status::NullArgument, "ffi.null_argument")
        );
        #[allow(clippy::panic)]
        let fallback = firewall!(value 7 => { if code.is_empty() { 1 } else { panic!("x") } });
        assert_eq!(fallback, 7);
    }

    #[test]
    fn nul_characters_are_dropped_from_messages() {
        assert_eq!(c_string("a\0b".into()).as_bytes(), b"ab");
    }

    #[test]
    #[allow(clippy::multiple_unsafe_ops_per_block)]
    fn a_call_answers_the_same_bytes_as_the_core() {
        let engine = Engine::default_store().unwrap();
        let input = br#"{"total":{"amount":"10","currency":"JPY"},"ratios":[1,1,1]}"#;
        let expected = engine.call_json("money.allocate", input).unwrap();
        let mut handle = std::ptr::null_mut();
        let mut error = std::ptr::null_mut();
        let mut output = std::ptr::null_mut();
        let op = b"money.allocate";
        // SAFETY: every pointer is valid; the handles are freed below.
        unsafe {
            assert_eq!(
                recourse_engine_new_default(&mut handle, &mut error),
                recourse_status::Ok
            );
            assert_eq!(
                recourse_engine_call(
                    handle,
                    op.as_ptr().cast(),
                    op.len(),
                    input.as_ptr().cast(),
                    input.len(),
                    &mut output,
                    &mut error
                ),
                recourse_status::Ok
            );
            let data = std::slice::from_raw_parts(
                recourse_buffer_data(output).cast::<u8>(),
                recourse_buffer_len(output),
            );
            assert_eq!(data, expected.as_bytes());
            assert!(error.is_null());
            recourse_buffer_free(&mut output);
            recourse_buffer_free(&mut output);
            recourse_engine_free(&mut handle);
            recourse_engine_free(&mut handle);
        }
        assert!(output.is_null() && handle.is_null());
    }
}
