//! Every operation's JSON path on arbitrary bytes: the first byte picks the operation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recourse_payments_fuzz::{check_call, operations};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, input)) = data.split_first() else {
        return;
    };
    let ops = operations();
    check_call(&ops[usize::from(pick) % ops.len()], input);
});
