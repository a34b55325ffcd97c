//! Prints the TypeScript declarations of every operation (see `recourse_wasm::dts`).
//! `recourse-wasm-dts FILE` writes them to FILE instead.

use std::process::ExitCode;

fn main() -> ExitCode {
    let declarations = match recourse_wasm::dts::generate() {
        Ok(text) => text,
        Err(e) => {
            eprintln!("recourse-wasm-dts: {e}");
            return ExitCode::FAILURE;
        }
    };
    match std::env::args().nth(1) {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, declarations) {
                eprintln!("recourse-wasm-dts: {path}: {e}");
                return ExitCode::FAILURE;
            }
        }
        None => print!("{declarations}"),
    }
    ExitCode::SUCCESS
}
