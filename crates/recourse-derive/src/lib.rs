//! The derives behind recourse's reading and writing of its own request, response and
//! configuration types.
//!
//! `#[derive(Decode)]` writes, for each type, a reader from one parsed JSON value
//! (`recourse_payments::decode::Decode`), and the type's `write_path`, which writes an error path
//! naming only the keys the type defines (its fields, each with its type's own
//! `write_path`); `#[derive(Encode)]` a writer of its canonical JSON
//! (`recourse_payments::canonical::Encode`), object keys already in order, and for an enum of unit
//! variants its `ALL` (every value, in declaration order) and `const fn as_str` (each
//! value's name), so that no table of names is written beside the attributes. Each is a few
//! calls to
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
    derive(input, "Decode", decode::expand)
}

/// Derives `crate::canonical::Encode` (see the crate's documentation).
#[proc_macro_derive(Encode, attributes(serde))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    derive(input, "Encode", encode::expand)
}

/// Runs `expand` on a type without generics; a problem becomes a compile error.
fn derive(
    input: TokenStream,
    name: &str,
    expand: fn(&DeriveInput) -> Result<proc_macro2::TokenStream>,
) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    no_generics(&input, name)
        .and_then(|()| expand(&input))
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

#[cfg(test)]
mod tests {
    use syn::parse_quote;

    use super::*;

    fn decode(input: &DeriveInput) -> std::result::Result<String, String> {
        no_generics(input, "Decode")
            .and_then(|()| decode::expand(input))
            .map(|t| t.to_string())
            .map_err(|e| e.to_string())
    }

    fn encode(input: &DeriveInput) -> std::result::Result<String, String> {
        no_generics(input, "Encode")
            .and_then(|()| encode::expand(input))
            .map(|t| t.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn encoded_keys_are_in_byte_order_whatever_the_field_order() {
        let out = encode(&parse_quote! {
            struct Order { zeta: u32, #[serde(rename = "Alpha")] alpha: u32, beta: u32 }
        })
        .unwrap();
        let at = |key: &str| out.find(key).unwrap();
        assert!(at(r#""\"Alpha\":""#) < at(r#""\"beta\":""#));
        assert!(at(r#""\"beta\":""#) < at(r#""\"zeta\":""#));
    }

    #[test]
    fn tagged_variants_write_their_tag_among_their_fields() {
        let out = encode(&parse_quote! {
            #[serde(tag = "unit", rename_all = "snake_case")]
            enum Period { BusinessDays { amount: u32 }, CalendarDays { amount: u32, roll: Roll } }
        })
        .unwrap();
        assert!(out.contains(r#""business_days""#) && out.contains(r#""calendar_days""#));
        let (amount, roll, unit) = (
            out.rfind(r#""\"amount\":""#).unwrap(),
            out.find(r#""\"roll\":""#).unwrap(),
            out.rfind(r#""\"unit\":""#).unwrap(),
        );
        assert!(amount < roll && roll < unit);
    }

    #[test]
    fn unit_enums_get_every_value_and_their_names_from_the_serde_names() {
        let out = encode(&parse_quote! {
            #[serde(rename_all = "snake_case")]
            enum Method { Card, GiftCard, #[serde(rename = "pix-br")] Pix }
        })
        .unwrap();
        assert!(
            out.contains(
                "pub const ALL : & 'static [Self] = & [Self :: Card , Self :: GiftCard , Self :: Pix]"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                r#"pub const fn as_str (self) -> & 'static str { match self { Self :: Card => "card" , Self :: GiftCard => "gift_card" , Self :: Pix => "pix-br" , } }"#
            ),
            "{out}"
        );
        // One table of names: the writer and the map key read it.
        assert_eq!(out.matches(r#""gift_card""#).count(), 1, "{out}");
        assert_eq!(out.matches("self . as_str ()").count(), 2, "{out}");
        // Tagged enums are objects: they get neither.
        let tagged = encode(&parse_quote! {
            #[serde(tag = "unit")]
            enum P { A { amount: u32 }, B }
        })
        .unwrap();
        assert!(
            !tagged.contains("ALL") && !tagged.contains("as_str"),
            "{tagged}"
        );
    }

    #[test]
    fn readers_know_their_fields_only_when_unknown_ones_are_refused() {
        let strict = decode(&parse_quote! {
            #[serde(deny_unknown_fields)]
            struct A { x: u32, #[serde(default)] y: u32 }
        })
        .unwrap();
        assert!(strict.contains(r#"Some (& ["x" , "y"])"#), "{strict}");
        let lax = decode(&parse_quote! { struct A { x: u32 } }).unwrap();
        assert!(lax.contains("None"), "{lax}");
    }

    #[test]
    fn paths_know_each_field_with_its_type_and_a_tagged_enum_every_variant_field() {
        let out = decode(&parse_quote! {
            struct A { #[serde(rename = "x_1")] x: Vec<u32>, y: Option<B> }
        })
        .unwrap();
        assert!(
            out.contains(r#"("x_1" , < Vec < u32 > as crate :: decode :: Decode > :: write_path"#),
            "{out}"
        );
        assert!(
            out.contains(r#"("y" , < Option < B > as crate :: decode :: Decode > :: write_path"#),
            "{out}"
        );
        let out = decode(&parse_quote! {
            #[serde(tag = "unit")]
            enum P { A { amount: u32 }, B { amount: u64, roll: R } }
        })
        .unwrap();
        assert!(
            out.contains(r#"("unit" , crate :: decode :: write_masked"#),
            "{out}"
        );
        assert_eq!(out.matches(r#"("amount" ,"#).count(), 1, "{out}");
        assert!(out.contains(r#"("roll" , < R as"#), "{out}");
    }

    #[test]
    fn shapes_and_attributes_it_does_not_know_are_compile_errors() {
        let refused: Vec<DeriveInput> = vec![
            parse_quote! { struct G<T> { t: T } },
            parse_quote! { struct T(u32); },
            parse_quote! { #[serde(untagged)] enum U { A(u32) } },
            parse_quote! { enum E { A(u32) } },
            parse_quote! { struct F { #[serde(flatten)] inner: Inner } },
            parse_quote! { #[serde(rename_all = "camelCase")] enum C { A } },
            parse_quote! { struct Q { #[serde(rename = "a\"b")] x: u32 } },
            parse_quote! { struct S { #[serde(rename = "a b")] x: u32 } },
            parse_quote! { #[serde(tag = "type")] struct Tagged { x: u32 } },
            parse_quote! { enum Empty {} },
        ];
        for input in refused {
            let shown = quote::quote!(#input).to_string();
            assert!(decode(&input).is_err(), "Decode: {shown}");
            assert!(encode(&input).is_err(), "Encode: {shown}");
        }
        let twice = encode(&parse_quote! {
            struct D { a: u32, #[serde(rename = "a")] b: u32 }
        });
        assert_eq!(twice.unwrap_err(), "two fields named `a`");
    }

    #[test]
    fn serialization_only_attributes_are_ignored_by_the_reader() {
        let out = decode(&parse_quote! {
            #[serde(expecting = "money")]
            struct M { #[serde(skip_serializing_if = "Option::is_none")] note: Option<String> }
        });
        assert!(out.is_ok(), "{out:?}");
    }

    #[test]
    fn variant_names_follow_snake_case() {
        assert_eq!(attrs::snake_case("BusinessHours"), "business_hours");
        assert_eq!(attrs::snake_case("Pix"), "pix");
    }
}
