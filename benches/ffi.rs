//! The C path against the native Rust JSON path, on the same request: a `refund.evaluate`
//! case (the shared vector `default_duplicate_charge_pt_br`) and a `money.allocate`.
//!
//! `native` is `Engine::call_json`; `c_abi` is `recourse_engine_call` as a C host makes it
//! (the exported function, reached through the crate's rlib: the same machine code as
//! `librecourse.so` without the PLT jump), reading the answer's bytes and freeing the
//! buffer. `c_abi_batch_100` answers 100 cases in one call (per-case time = time / 100).
//!
//! `cargo bench -p recourse-benches --bench ffi`
#![allow(missing_docs)]
// Calling the C ABI is unsafe by nature; each block states why it is sound.
#![allow(unsafe_code)]

use std::hint::black_box;
use std::ptr;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_ffi::{
    recourse_buffer_data, recourse_buffer_free, recourse_buffer_len, recourse_engine_call,
    recourse_engine_call_batch, recourse_engine_free, recourse_engine_new_default, recourse_status,
};
use recourse_payments::Engine;

fn refund_case() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/vectors/refund.evaluate/default_duplicate_charge_pt_br.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|_| std::process::abort());
    let vector: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|_| std::process::abort());
    vector
        .get("input")
        .map(ToString::to_string)
        .unwrap_or_else(|| std::process::abort())
}

/// One call through the C ABI, as a host makes it; `read` sees the answer's bytes.
fn c_call<R>(
    engine: *const recourse_ffi::recourse_engine,
    op: &str,
    input: &[u8],
    batch: bool,
    read: impl FnOnce(&[u8]) -> R,
) -> R {
    let mut out = ptr::null_mut();
    let mut error = ptr::null_mut();
    let call = if batch {
        recourse_engine_call_batch
    } else {
        recourse_engine_call
    };
    // SAFETY: `engine` is live for the whole bench; the pointers and lengths describe live
    // slices; `out` and `error` are valid out-pointers.
    let status = unsafe {
        call(
            engine,
            op.as_ptr().cast(),
            op.len(),
            input.as_ptr().cast(),
            input.len(),
            &mut out,
            &mut error,
        )
    };
    if status != recourse_status::Ok {
        std::process::abort();
    }
    // SAFETY: on success `out` is a live buffer; its data pointer and length describe its
    // bytes, read before the buffer is freed below.
    let bytes = unsafe {
        std::slice::from_raw_parts(
            recourse_buffer_data(out).cast::<u8>(),
            recourse_buffer_len(out),
        )
    };
    let answer = read(bytes);
    // SAFETY: `out` came from the library and is freed once.
    unsafe { recourse_buffer_free(&mut out) };
    answer
}

fn bench_paths(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let mut handle = ptr::null_mut();
    let mut error = ptr::null_mut();
    // SAFETY: valid out-pointers.
    if unsafe { recourse_engine_new_default(&mut handle, &mut error) } != recourse_status::Ok {
        std::process::abort();
    }
    let refund = refund_case();
    let allocate = r#"{"total":{"amount":"1234.57","currency":"BRL"},"ratios":[3,5,7,11,13]}"#;
    // The same bytes both ways, checked once.
    for (op, input) in [
        ("refund.evaluate", &refund[..]),
        ("money.allocate", allocate),
    ] {
        let native = engine
            .call_json(op, input.as_bytes())
            .unwrap_or_else(|_| std::process::abort());
        if !c_call(handle, op, input.as_bytes(), false, |b| {
            b == native.as_bytes()
        }) {
            std::process::abort();
        }
    }

    let mut group = c.benchmark_group("ffi/refund.evaluate");
    group.bench_function("native_json", |b| {
        b.iter(|| engine.call_json("refund.evaluate", black_box(refund.as_bytes())))
    });
    group.bench_function("c_abi", |b| {
        b.iter(|| {
            c_call(
                handle,
                "refund.evaluate",
                black_box(refund.as_bytes()),
                false,
                |b| black_box(b).len(),
            )
        })
    });
    let batch = format!("[{}]", vec![refund.as_str(); 100].join(","));
    group.throughput(Throughput::Elements(100));
    group.bench_function("c_abi_batch_100", |b| {
        b.iter(|| {
            c_call(
                handle,
                "refund.evaluate",
                black_box(batch.as_bytes()),
                true,
                |b| black_box(b).len(),
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("ffi/money.allocate");
    group.bench_function("native_json", |b| {
        b.iter(|| engine.call_json("money.allocate", black_box(allocate.as_bytes())))
    });
    group.bench_function("c_abi", |b| {
        b.iter(|| {
            c_call(
                handle,
                "money.allocate",
                black_box(allocate.as_bytes()),
                false,
                |b| black_box(b).len(),
            )
        })
    });
    group.finish();

    // SAFETY: no call on the engine is running any more.
    unsafe { recourse_engine_free(&mut handle) };
}

criterion_group!(benches, bench_paths);
criterion_main!(benches);
