//! The derives behind recourse's reading and writing of its own request, response and
//! configuration types.
//!
//! `#[derive(Decode)]` writes, for each type, a reader from one parsed JSON value
//! (`recourse::decode::Decode`); `#[derive(Encode)]` a writer of its canonical JSON
//! (`recourse::canonical::Encode`), object keys already in order. Each is a few calls to
//! shared, non-generic helpers instead of the visitor machinery serde's derives write per
//! type and per format: in WebAssembly that code was the largest part of the binary, and
//! sorting keys at run time the largest part of writing an answer. Both read the
//! `#[serde(...)]` attributes the types already carry, so names and defaults are said once;
//! `Decode` also implements serde's `Deserialize` through the same reader.
//!
//! Supported shapes, the ones the crate uses: structs with named fields; enums of unit
//! variants; internally tagged enums (`tag = "..."`) of struct and unit variants. Attributes:
//! `deny_unknown_fields`, `default` (on the container), `rename_all = "snake_case"`,
//! `tag = "..."`; on fields `default`, `default = "path"`, `rename = "..."`,
//! `skip_serializing_if = "path"`; on variants `rename = "..."`. Anything else is a compile
//! error rather than a silently different reading or writing.

mod attrs;
mod decode;
mod encode;

use proc_macro::TokenStream;
use syn::{parse_macro_input, spanned::Spanned, DeriveInput, Error, Result};

/// Derives `crate::decode::Decode` and serde's `Deserialize` (see the crate's documentation).
#[proc_macro_derive(Decode, attributes(serde))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    no_generics(&input, "Decode")
        .and_then(|()| decode::expand(&input))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// Derives `crate::canonical::Encode` (see the crate's documentation).
#[proc_macro_derive(Encode, attributes(serde))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    no_generics(&input, "Encode")
        .and_then(|()| encode::expand(&input))
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn no_generics(input: &DeriveInput, derive: &str) -> Result<()> {
    if input.generics.params.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            input.generics.span(),
            format!("{derive}: generic types are not supported"),
        ))
    }
}
