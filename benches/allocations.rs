//! Heap allocations per `refund.evaluate` of the US store on the 3-line order, counted by a
//! global allocator of this test's own (the library has none): the typed decision, and the
//! JSON path for reference. A regression guard: more allocations than today's fail.
//!
//! `cargo test -p recourse-benches --test allocations -- --nocapture` prints the counts.
#![allow(missing_docs)]
// A global allocator is unsafe by definition; this one only counts and hands over to
// `System`.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use recourse_benches::{US_REFUND_REQUEST as REQUEST, US_STORE};
use recourse_payments::refund::{evaluate, EvaluateRequest};
use recourse_payments::Engine;

/// The typed decision's allocations today: 63 (6,798 bytes), from 69 (8,428 bytes) before the
/// reasons' list was sized once and the refund's parts over the payments were split once and
/// kept as they came; 76 (8,940 bytes) before the remainders of a share and the payments'
/// weights stayed on the stack, a share's parts were kept in their final type and the payments'
/// room stopped being listed apart, 78 (9,020 bytes) before the amounts stopped sharing a
/// discount the order does not have and a split of one part gave it the whole total, 80 when a
/// split with no part capped stopped building a sharing mask and a second list of open parts,
/// and 101 (9,746 bytes) before sorts of a few items kept their positions on the stack. The
/// issue's goal is 10 or fewer; most of today's are the answer's own strings (line ids, last
/// days, each reason's rule, line and sentence) and the working vectors of the amounts.
const TYPED_MAX: u64 = 63;
/// The JSON path's allocations today (reading, decision, receipt, canonical answer): 144
/// (38,372 bytes), from 150 (40,002 bytes) before the typed decision's six fewer, 157 (40,514
/// bytes) before the typed decision's seven fewer, 216 (41,836 bytes) before the receipt's
/// details and instants were written without the formatting machinery, and 406 (58,765 bytes)
/// before requests were read straight from their text rather than through a `Value` tree.
const JSON_MAX: u64 = 144;

thread_local! {
    // (allocations, bytes) of this thread: the test harness's other threads do not count.
    static COUNTS: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

fn count(bytes: usize) {
    let _ = COUNTS.try_with(|c| {
        let (n, b) = c.get();
        c.set((n + 1, b + bytes as u64));
    });
}

struct Counting;

// SAFETY: every call is passed to `System` unchanged; counting touches no allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Allocations and bytes asked for by `f` on this thread (reallocations count as one each).
fn counted<T>(f: impl FnOnce() -> T) -> (T, u64, u64) {
    let before = COUNTS.with(Cell::get);
    let out = f();
    let after = COUNTS.with(Cell::get);
    (out, after.0 - before.0, after.1 - before.1)
}

#[test]
fn allocations_per_us_store_refund_evaluate() {
    let engine = Engine::from_toml(US_STORE);
    let request = serde_json::from_str::<EvaluateRequest>(REQUEST);
    assert!(
        engine.is_ok() && request.is_ok(),
        "the US store and its request load"
    );
    let (Ok(engine), Ok(request)) = (engine, request) else {
        return;
    };
    // Once first: whatever is set up lazily on a first call is not the decision's.
    assert!(evaluate(&engine, &request).is_ok());
    assert!(engine
        .call_json("refund.evaluate", REQUEST.as_bytes())
        .is_ok());

    let (typed, allocations, bytes) = counted(|| evaluate(&engine, &request));
    assert!(typed.is_ok());
    println!("typed refund.evaluate: {allocations} allocations, {bytes} bytes");
    let (json, json_allocations, json_bytes) =
        counted(|| engine.call_json("refund.evaluate", REQUEST.as_bytes()));
    assert!(json.is_ok());
    println!("JSON refund.evaluate: {json_allocations} allocations, {json_bytes} bytes");

    assert!(
        allocations <= TYPED_MAX,
        "typed refund.evaluate allocates {allocations} times (at most {TYPED_MAX})"
    );
    assert!(
        json_allocations <= JSON_MAX,
        "JSON refund.evaluate allocates {json_allocations} times (at most {JSON_MAX})"
    );
}
