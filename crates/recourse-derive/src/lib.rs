//! `#[derive(Decode)]` for recourse's own request and configuration types.
//!
//! It writes, for each type, a reader from one parsed JSON value (`recourse::decode::Decode`)
//! out of calls to a handful of shared, non-generic helpers, instead of the visitor state
//! machine serde's derive writes per type and per input format: in WebAssembly that code was
//! the largest part of the binary. It reads the `#[serde(...)]` attributes the types already
//! carry for their JSON names, so names and defaults are said once, and it also implements
//! serde's `Deserialize` through the same reader, for Rust callers who hold a deserializer.
//!
//! Supported shapes, the ones the crate uses: structs with named fields; enums of unit
//! variants; internally tagged enums (`tag = "..."`) of struct and unit variants. Attributes:
//! `deny_unknown_fields`, `default` (on the container), `rename_all = "snake_case"`,
//! `tag = "..."`; on fields `default`, `default = "path"`, `rename = "..."`; on variants
//! `rename = "..."`. Serialization-only attributes are ignored; anything else is a compile
//! error rather than a silently different reading.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{
    parse_macro_input, spanned::Spanned, Attribute, Data, DeriveInput, Error, Fields, FieldsNamed,
    Ident, LitStr, Result, Token,
};

/// Derives `crate::decode::Decode` and serde's `Deserialize` (see the crate's documentation).
#[proc_macro_derive(Decode, attributes(serde))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

fn expand(input: &DeriveInput) -> Result<Tokens> {
    if !input.generics.params.is_empty() {
        return Err(Error::new(
            input.generics.span(),
            "Decode: generic types are not supported",
        ));
    }
    let container = Container::read(&input.attrs)?;
    let methods = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => decode_method(&struct_body(fields, &container)?),
            other => return Err(Error::new(other.span(), "Decode: only named fields")),
        },
        Data::Enum(data) => enum_methods(data, &container)?,
        Data::Union(data) => {
            return Err(Error::new(data.union_token.span, "Decode: not for unions"))
        }
    };
    let name = &input.ident;
    Ok(quote! {
        impl crate::decode::Decode for #name {
            #methods
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::decode::deserialize(deserializer)
            }
        }
    })
}

fn decode_method(body: &Tokens) -> Tokens {
    quote! {
        fn decode(
            value: &::serde_json::Value,
            at: &crate::decode::At<'_>,
        ) -> ::core::result::Result<Self, crate::decode::DecodeError> {
            #body
        }
    }
}

/// The reading of a struct: its object, then each field by name.
fn struct_body(fields: &FieldsNamed, container: &Container) -> Result<Tokens> {
    if container.tag.is_some() {
        return Err(Error::new(Span::call_site(), "Decode: `tag` is for enums"));
    }
    let known = field_names(fields, None)?;
    let check = known_fields(container, &known);
    let reads = field_reads(fields, container.default)?;
    let default = container.default.then(|| {
        quote! { let default: Self = ::core::default::Default::default(); }
    });
    Ok(quote! {
        let object = crate::decode::object(value, at, #check)?;
        #default
        ::core::result::Result::Ok(Self { #(#reads,)* })
    })
}

/// The JSON names of `fields`, after `tag` when there is one.
fn field_names(fields: &FieldsNamed, tag: Option<&str>) -> Result<Vec<String>> {
    let mut names: Vec<String> = tag.map(str::to_owned).into_iter().collect();
    for field in &fields.named {
        names.push(FieldAttrs::read(field)?.name);
    }
    Ok(names)
}

/// The `Option<&[&str]>` of known names for `crate::decode::object`: `None` lets unknown
/// fields pass, as serde does without `deny_unknown_fields`.
fn known_fields(container: &Container, known: &[String]) -> Tokens {
    if container.deny_unknown_fields {
        quote! { ::core::option::Option::Some(&[#(#known),*]) }
    } else {
        quote! { ::core::option::Option::None }
    }
}

/// `field: <read>` for each field of `object`; `default` is the container's own default.
fn field_reads(fields: &FieldsNamed, container_default: bool) -> Result<Vec<Tokens>> {
    fields
        .named
        .iter()
        .map(|field| {
            let attrs = FieldAttrs::read(field)?;
            let ident = field
                .ident
                .as_ref()
                .ok_or_else(|| Error::new(field.span(), "Decode: a field without a name"))?;
            let key = &attrs.name;
            let read = match attrs.default {
                FieldDefault::None if container_default => quote! {
                    match crate::decode::optional(object, #key, at)? {
                        ::core::option::Option::Some(v) => v,
                        ::core::option::Option::None => default.#ident,
                    }
                },
                FieldDefault::None => quote! { crate::decode::field(object, #key, at)? },
                FieldDefault::Default => quote! {
                    crate::decode::optional(object, #key, at)?.unwrap_or_default()
                },
                FieldDefault::Path(path) => quote! {
                    match crate::decode::optional(object, #key, at)? {
                        ::core::option::Option::Some(v) => v,
                        ::core::option::Option::None => #path(),
                    }
                },
            };
            Ok(quote! { #ident: #read })
        })
        .collect()
}

/// The reading of an enum: by name for unit variants (which can then be map keys too), by
/// its tag for tagged ones.
fn enum_methods(data: &syn::DataEnum, container: &Container) -> Result<Tokens> {
    let mut names = Vec::new();
    let mut arms = Vec::new();
    for (index, variant) in data.variants.iter().enumerate() {
        let name = VariantAttrs::read(variant, container)?.name;
        let ident = &variant.ident;
        let build = match (&variant.fields, &container.tag) {
            (Fields::Unit, None) => quote! { ::core::result::Result::Ok(Self::#ident) },
            (Fields::Unit, Some(tag)) => {
                let check = known_fields(container, std::slice::from_ref(tag));
                quote! {
                    crate::decode::object(value, at, #check)?;
                    ::core::result::Result::Ok(Self::#ident)
                }
            }
            (Fields::Named(fields), Some(tag)) => {
                let check = known_fields(container, &field_names(fields, Some(tag))?);
                let reads = field_reads(fields, false)?;
                quote! {
                    let object = crate::decode::object(value, at, #check)?;
                    ::core::result::Result::Ok(Self::#ident { #(#reads,)* })
                }
            }
            (fields, _) => {
                return Err(Error::new(
                    fields.span(),
                    "Decode: a variant with data needs the enum's `tag`",
                ))
            }
        };
        // The last arm takes any index: `crate::decode` only returns one of `NAMES`.
        let pattern = if index + 1 == data.variants.len() {
            quote! { _ }
        } else {
            quote! { #index }
        };
        arms.push(quote! { #pattern => { #build } });
        names.push(name);
    }
    if arms.is_empty() {
        return Err(Error::new(
            Span::call_site(),
            "Decode: an enum without variants",
        ));
    }
    let names = quote! { const NAMES: &[&str] = &[#(#names),*]; };
    Ok(match &container.tag {
        None => {
            let decode = decode_method(&quote! {
                #names
                Self::from_key(crate::decode::variant(value, at, NAMES)?, at)
            });
            quote! {
                #decode

                fn from_key(
                    key: &str,
                    at: &crate::decode::At<'_>,
                ) -> ::core::result::Result<Self, crate::decode::DecodeError> {
                    #names
                    match crate::decode::variant_named(key, at, NAMES)? { #(#arms)* }
                }
            }
        }
        Some(tag) => decode_method(&quote! {
            #names
            match crate::decode::tagged(value, at, #tag, NAMES)? { #(#arms)* }
        }),
    })
}

/// What the container's `#[serde(...)]` says about reading.
#[derive(Default)]
struct Container {
    deny_unknown_fields: bool,
    default: bool,
    snake_case: bool,
    tag: Option<String>,
}

impl Container {
    fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut container = Self::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                container.deny_unknown_fields = true;
            } else if meta.path.is_ident("default") {
                container.default = true;
            } else if meta.path.is_ident("rename_all") {
                let rule: LitStr = meta.value()?.parse()?;
                if rule.value() != "snake_case" {
                    return Err(Error::new(rule.span(), "Decode: only snake_case"));
                }
                container.snake_case = true;
            } else if meta.path.is_ident("tag") {
                container.tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                return ignore_or_refuse(&meta, &["bound", "expecting"]);
            }
            Ok(())
        })?;
        Ok(container)
    }
}

/// A field's JSON name and default.
struct FieldAttrs {
    name: String,
    default: FieldDefault,
}

enum FieldDefault {
    None,
    Default,
    Path(syn::ExprPath),
}

impl FieldAttrs {
    fn read(field: &syn::Field) -> Result<Self> {
        let ident = field
            .ident
            .as_ref()
            .ok_or_else(|| Error::new(field.span(), "Decode: a field without a name"))?;
        let mut attrs = Self {
            name: unraw(ident),
            default: FieldDefault::None,
        };
        for_each_serde_meta(&field.attrs, |meta| {
            if meta.path.is_ident("rename") {
                attrs.name = meta.value()?.parse::<LitStr>()?.value();
            } else if meta.path.is_ident("default") {
                attrs.default = if meta.input.peek(Token![=]) {
                    FieldDefault::Path(meta.value()?.parse::<LitStr>()?.parse()?)
                } else {
                    FieldDefault::Default
                };
            } else {
                return ignore_or_refuse(&meta, &["skip_serializing_if"]);
            }
            Ok(())
        })?;
        Ok(attrs)
    }
}

/// A variant's JSON name.
struct VariantAttrs {
    name: String,
}

impl VariantAttrs {
    fn read(variant: &syn::Variant, container: &Container) -> Result<Self> {
        let ident = unraw(&variant.ident);
        let mut attrs = Self {
            name: if container.snake_case {
                snake_case(&ident)
            } else {
                ident
            },
        };
        for_each_serde_meta(&variant.attrs, |meta| {
            if meta.path.is_ident("rename") {
                attrs.name = meta.value()?.parse::<LitStr>()?.value();
                Ok(())
            } else {
                ignore_or_refuse(&meta, &[])
            }
        })?;
        Ok(attrs)
    }
}

fn for_each_serde_meta(
    attrs: &[Attribute],
    mut each: impl FnMut(syn::meta::ParseNestedMeta<'_>) -> Result<()>,
) -> Result<()> {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(&mut each)?;
    }
    Ok(())
}

/// Skips an attribute that only serialization reads (`ignored`); refuses any other, since
/// reading without it would differ from what the attribute asks.
fn ignore_or_refuse(meta: &syn::meta::ParseNestedMeta<'_>, ignored: &[&str]) -> Result<()> {
    if ignored.iter().any(|name| meta.path.is_ident(name)) {
        if meta.input.peek(Token![=]) {
            meta.value()?.parse::<syn::Expr>()?;
        }
        return Ok(());
    }
    Err(meta.error("Decode: this serde attribute is not supported"))
}

fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map_or(text.clone(), str::to_owned)
}

/// serde's `snake_case` for a variant: `BusinessHours` becomes `business_hours`.
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}
