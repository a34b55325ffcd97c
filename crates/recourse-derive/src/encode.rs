//! `#[derive(Encode)]`: a writer of canonical JSON whose object keys are put in order here,
//! at compile time, so that nothing is sorted when an answer is written.

use proc_macro2::{Span, TokenStream as Tokens};
use quote::{format_ident, quote};
use syn::{spanned::Spanned, Data, DeriveInput, Error, Fields, Result};

use crate::attrs::{named_fields, Container, VariantAttrs};

pub(crate) fn expand(input: &DeriveInput) -> Result<Tokens> {
    let container = Container::read(&input.attrs)?;
    let name = &input.ident;
    let encode = |body: Tokens| {
        quote! {
            impl crate::canonical::Encode for #name {
                fn encode(&self, out: &mut crate::canonical::Encoder) {
                    #body
                }
            }
        }
    };
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                if container.tag.is_some() {
                    return Err(Error::new(Span::call_site(), "`tag` is for enums"));
                }
                let entries = named_fields(fields)?
                    .into_iter()
                    .map(|f| {
                        let ident = &f.ident;
                        Entry {
                            value: quote! { &self.#ident },
                            name: f.name,
                            skip_if: f.skip_if,
                        }
                    })
                    .collect();
                Ok(encode(object(entries)?))
            }
            other => Err(Error::new(other.span(), "only named fields are supported")),
        },
        Data::Enum(data) if container.tag.is_none() => Ok(unit_enum(name, data, &container)?),
        Data::Enum(data) => Ok(encode(tagged_enum(data, &container)?)),
        Data::Union(data) => Err(Error::new(data.union_token.span, "not for unions")),
    }
}

/// One entry of an object: its JSON name, the expression of a reference to its value, and
/// the predicate that leaves it out.
struct Entry {
    name: String,
    value: Tokens,
    skip_if: Option<syn::ExprPath>,
}

/// Writes an object of `entries`, in the byte order of their names.
fn object(mut entries: Vec<Entry>) -> Result<Tokens> {
    entries.sort_by(|a, b| a.name.cmp(&b.name));
    let twice = entries
        .iter()
        .zip(entries.iter().skip(1))
        .find(|(a, b)| a.name == b.name);
    if let Some((a, _)) = twice {
        return Err(Error::new(
            Span::call_site(),
            format!("two fields named `{}`", a.name),
        ));
    }
    let writes = entries.iter().map(|entry| {
        let key = format!("\"{}\":", entry.name);
        let value = &entry.value;
        let write = quote! {
            out.key(&mut comma, #key);
            crate::canonical::Encode::encode(#value, out);
        };
        match &entry.skip_if {
            Some(skip) => quote! { if !#skip(#value) { #write } },
            None => write,
        }
    });
    Ok(quote! {
        out.open();
        let mut comma = false;
        #(#writes)*
        out.close(comma);
    })
}

/// An enum of unit variants: each a string, which can also be a map's key; the type also
/// gets `ALL` (every value, in declaration order) and `as_str` (the name), so that no table
/// of names is written beside the `#[serde]` attributes.
fn unit_enum(name: &syn::Ident, data: &syn::DataEnum, container: &Container) -> Result<Tokens> {
    let mut arms = Vec::new();
    let mut idents = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            return Err(Error::new(
                variant.span(),
                "a variant with data needs the enum's `tag`",
            ));
        }
        let ident = &variant.ident;
        let text = VariantAttrs::read(variant, container)?.name;
        arms.push(quote! { Self::#ident => #text });
        idents.push(ident);
    }
    if idents.is_empty() {
        return Err(Error::new(Span::call_site(), "an enum without variants"));
    }
    Ok(quote! {
        // Not every enum lists its values or names itself outside its JSON.
        #[allow(dead_code)]
        impl #name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];

            /// The name written in JSON and in configurations (its `#[serde]` name).
            pub const fn as_str(self) -> &'static str {
                match self { #(#arms,)* }
            }
        }

        impl crate::canonical::Encode for #name {
            fn encode(&self, out: &mut crate::canonical::Encoder) {
                out.string(self.as_str());
            }
        }

        impl crate::canonical::EncodeKey for #name {
            fn key(&self) -> &str {
                self.as_str()
            }
        }
    })
}

/// An internally tagged enum: each variant an object with its name at the tag.
fn tagged_enum(data: &syn::DataEnum, container: &Container) -> Result<Tokens> {
    let tag = container.tag.clone().unwrap_or_default();
    let mut arms = Vec::new();
    for variant in &data.variants {
        let ident = &variant.ident;
        let name = VariantAttrs::read(variant, container)?.name;
        let mut entries = vec![Entry {
            name: tag.clone(),
            value: quote! { #name },
            skip_if: None,
        }];
        let pattern = match &variant.fields {
            Fields::Unit => quote! { Self::#ident },
            Fields::Named(fields) => {
                let fields = named_fields(fields)?;
                let idents: Vec<_> = fields.iter().map(|f| f.ident.clone()).collect();
                for field in fields {
                    // Bound by reference by the match on `self`; a local name of its own
                    // keeps it apart from the generated code's.
                    let local = format_ident!("field_{}", field.ident);
                    entries.push(Entry {
                        name: field.name,
                        value: quote! { #local },
                        skip_if: field.skip_if,
                    });
                }
                let locals = idents.iter().map(|i| format_ident!("field_{}", i));
                quote! { Self::#ident { #(#idents: #locals),* } }
            }
            Fields::Unnamed(fields) => {
                return Err(Error::new(
                    fields.span(),
                    "only unit and struct variants are supported",
                ))
            }
        };
        let body = object(entries)?;
        arms.push(quote! { #pattern => { #body } });
    }
    Ok(quote! {
        match self { #(#arms)* }
    })
}
