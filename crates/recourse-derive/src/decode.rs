//! `#[derive(Decode)]`: a reader from one parsed JSON value.

use proc_macro2::{Span, TokenStream as Tokens};
use quote::quote;
use syn::{spanned::Spanned, Data, DeriveInput, Error, Fields, FieldsNamed, Result};

use crate::attrs::{named_fields, Container, FieldAttrs, FieldDefault, VariantAttrs};

pub(crate) fn expand(input: &DeriveInput) -> Result<Tokens> {
    let container = Container::read(&input.attrs)?;
    let methods = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                let decode = decode_method(&struct_body(fields, &container)?);
                let read = read_method(&struct_read(fields, container.default)?);
                let path = write_path_method(&named_fields(fields)?, None);
                quote! { #decode #read #path }
            }
            other => return Err(Error::new(other.span(), "only named fields")),
        },
        Data::Enum(data) => enum_methods(data, &container)?,
        Data::Union(data) => return Err(Error::new(data.union_token.span, "not for unions")),
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

fn read_method(body: &Tokens) -> Tokens {
    quote! {
        #[cfg(feature = "direct-read")]
        fn read(
            reader: &mut crate::decode::Reader<'_>,
        ) -> ::core::option::Option<Self> {
            #body
        }
    }
}

/// The reading of a struct straight from the text: each key one of its fields, named once,
/// read by its type; any other key gives the reading back (see `crate::decode::Reader`).
fn struct_read(fields: &FieldsNamed, container_default: bool) -> Result<Tokens> {
    let fields = named_fields(fields)?;
    Ok(object_read(
        &fields,
        container_default,
        None,
        &quote! { Self },
    ))
}

/// The reading of an object into `path` (`Self`, `Self::Variant`) with `fields` (none: a
/// unit variant): each key one of `fields` or the `tag` (whose variant was read before, from
/// the object ahead), named once.
fn object_read(
    fields: &[FieldAttrs],
    container_default: bool,
    tag: Option<&str>,
    path: &Tokens,
) -> Tokens {
    let mut declare = Vec::new();
    let mut arms = Vec::new();
    let mut builds = Vec::new();
    for (i, attrs) in fields.iter().enumerate() {
        let slot = syn::Ident::new(&format!("field_{i}"), Span::call_site());
        let (ident, key, ty) = (&attrs.ident, &attrs.name, &attrs.ty);
        declare.push(quote! {
            let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;
        });
        arms.push(quote! {
            #key => {
                if #slot.is_some() {
                    return ::core::option::Option::None;
                }
                #slot = ::core::option::Option::Some(<#ty as crate::decode::Decode>::read(reader)?);
            }
        });
        let absent = match &attrs.default {
            FieldDefault::None if container_default => quote! { default.#ident },
            FieldDefault::None => quote! { <#ty as crate::decode::Decode>::absent()? },
            FieldDefault::Default => quote! { ::core::default::Default::default() },
            FieldDefault::Path(path) => quote! { #path() },
        };
        builds.push(quote! {
            #ident: match #slot {
                ::core::option::Option::Some(v) => v,
                ::core::option::Option::None => #absent,
            }
        });
    }
    if let Some(tag) = tag {
        declare.push(quote! { let mut tag_seen = false; });
        arms.push(quote! {
            #tag => {
                if tag_seen {
                    return ::core::option::Option::None;
                }
                tag_seen = true;
                reader.string()?;
            }
        });
    }
    let default = container_default.then(|| {
        quote! { let default: Self = ::core::default::Default::default(); }
    });
    let value = if fields.is_empty() && tag.is_some() {
        quote! { #path }
    } else {
        quote! { #path { #(#builds,)* } }
    };
    quote! {
        #(#declare)*
        reader.object()?;
        let mut first = true;
        while let ::core::option::Option::Some(key) = reader.key(&mut first)? {
            match key {
                #(#arms)*
                _ => return ::core::option::Option::None,
            }
        }
        #default
        ::core::option::Option::Some(#value)
    }
}

/// The reading of an internally tagged enum straight from the text: the variant its tag
/// names (looked up ahead, wherever the tag stands), then the object with that variant's
/// fields. None when a variant has a field named as the tag: such an enum is read through a
/// `Value` only.
fn tagged_read(data: &syn::DataEnum, tag: &str, names: &Tokens) -> Result<Option<Tokens>> {
    let mut arms = Vec::new();
    for (i, variant) in data.variants.iter().enumerate() {
        let own = match &variant.fields {
            Fields::Named(named) => named_fields(named)?,
            _ => Vec::new(),
        };
        if own.iter().any(|f| f.name == tag) {
            return Ok(None);
        }
        let ident = &variant.ident;
        let read = object_read(&own, false, Some(tag), &quote! { Self::#ident });
        arms.push(quote! { #i => { #read } });
    }
    Ok(Some(read_method(&quote! {
        #names
        let name = reader.tag(#tag)?;
        match NAMES.iter().position(|n| *n == name)? {
            #(#arms)*
            _ => ::core::option::Option::None,
        }
    })))
}

/// `write_path`: the keys an object of the type defines (`tag`, then `fields`, the first of
/// a name winning), each with the `write_path` of its type.
fn write_path_method(fields: &[FieldAttrs], tag: Option<&str>) -> Tokens {
    let mut seen: Vec<&str> = tag.into_iter().collect();
    let mut entries: Vec<Tokens> = tag
        .map(|tag| quote! { (#tag, crate::decode::write_masked as crate::decode::WritePath) })
        .into_iter()
        .collect();
    for field in fields {
        if seen.contains(&field.name.as_str()) {
            continue;
        }
        seen.push(&field.name);
        let (name, ty) = (&field.name, &field.ty);
        entries.push(quote! {
            (#name, <#ty as crate::decode::Decode>::write_path as crate::decode::WritePath)
        });
    }
    quote! {
        fn write_path(
            steps: &[crate::decode::Step<'_>],
            out: &mut ::std::string::String,
        ) {
            crate::decode::write_fields(steps, out, &[#(#entries),*]);
        }
    }
}

/// The reading of a struct: its object, then each field by name.
fn struct_body(fields: &FieldsNamed, container: &Container) -> Result<Tokens> {
    if container.tag.is_some() {
        return Err(Error::new(Span::call_site(), "`tag` is for enums"));
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
    names.extend(named_fields(fields)?.into_iter().map(|f| f.name));
    Ok(names)
}

/// The `Option<&[&str]>` of known names for `crate::decode::object` and `known`: `None` lets unknown
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
    named_fields(fields)?
        .into_iter()
        .map(|attrs| {
            let ident = &attrs.ident;
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
    // Every variant's fields, for the paths below a tagged object.
    let mut fields = Vec::new();
    for (index, variant) in data.variants.iter().enumerate() {
        if let Fields::Named(named) = &variant.fields {
            fields.extend(named_fields(named)?);
        }
        let name = VariantAttrs::read(variant, container)?.name;
        let ident = &variant.ident;
        let build = match (&variant.fields, &container.tag) {
            (Fields::Unit, None) => quote! { ::core::result::Result::Ok(Self::#ident) },
            (Fields::Unit, Some(tag)) => {
                let check = known_fields(container, std::slice::from_ref(tag));
                quote! {
                    crate::decode::known(object, at, #check)?;
                    ::core::result::Result::Ok(Self::#ident)
                }
            }
            (Fields::Named(fields), Some(tag)) => {
                let check = known_fields(container, &field_names(fields, Some(tag))?);
                let reads = field_reads(fields, false)?;
                quote! {
                    crate::decode::known(object, at, #check)?;
                    ::core::result::Result::Ok(Self::#ident { #(#reads,)* })
                }
            }
            (fields, _) => {
                return Err(Error::new(
                    fields.span(),
                    "a variant with data needs the enum's `tag`",
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
        return Err(Error::new(Span::call_site(), "an enum without variants"));
    }
    let names = quote! { const NAMES: &[&str] = &[#(#names),*]; };
    Ok(match &container.tag {
        None => {
            let decode = decode_method(&quote! {
                #names
                Self::from_key(crate::decode::variant(value, at, NAMES)?, at)
            });
            let read = read_method(&quote! { reader.variant::<Self>() });
            quote! {
                #decode
                #read

                fn from_key(
                    key: &str,
                    at: &crate::decode::At<'_>,
                ) -> ::core::result::Result<Self, crate::decode::DecodeError> {
                    #names
                    match crate::decode::variant_named(key, at, NAMES)? { #(#arms)* }
                }
            }
        }
        Some(tag) => {
            let decode = decode_method(&quote! {
                #names
                let (index, object) = crate::decode::tagged(value, at, #tag, NAMES)?;
                match index { #(#arms)* }
            });
            let path = write_path_method(&fields, Some(tag));
            let read = tagged_read(data, tag, &names)?;
            quote! { #decode #read #path }
        }
    })
}
