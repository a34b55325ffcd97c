//! Configuration text, TOML or JSON: building an engine and checking agree (an engine builds
//! exactly when the check finds nothing), and no problem repeats the text's digits.
#![no_main]

use libfuzzer_sys::fuzz_target;
use recourse_payments::Engine;
use recourse_payments_fuzz::assert_no_digits_of;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let built = Engine::from_text(text);
    let problems = Engine::check(text);
    for problem in &problems {
        assert_no_digits_of(data, problem);
    }
    match built {
        Ok(_) => assert!(
            problems.is_empty(),
            "built, yet the check finds {problems:?}"
        ),
        Err(e) => {
            assert_no_digits_of(data, &e);
            assert!(
                !problems.is_empty(),
                "refused with {e:?}, yet the check finds nothing"
            );
        }
    }
});
