//! What the `#[serde(...)]` attributes say, for both derives.

use syn::{spanned::Spanned, Attribute, Error, ExprPath, Ident, LitStr, Result, Token};

/// The container's attributes.
#[derive(Default)]
pub(crate) struct Container {
    pub(crate) deny_unknown_fields: bool,
    /// Missing fields take their value from the type's `Default`.
    pub(crate) default: bool,
    pub(crate) snake_case: bool,
    /// The field naming the variant of an internally tagged enum.
    pub(crate) tag: Option<String>,
}

impl Container {
    pub(crate) fn read(attrs: &[Attribute]) -> Result<Self> {
        let mut container = Self::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                container.deny_unknown_fields = true;
            } else if meta.path.is_ident("default") {
                container.default = true;
            } else if meta.path.is_ident("rename_all") {
                let rule: LitStr = meta.value()?.parse()?;
                if rule.value() != "snake_case" {
                    return Err(Error::new(rule.span(), "only snake_case is supported"));
                }
                container.snake_case = true;
            } else if meta.path.is_ident("tag") {
                container.tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else {
                // `expecting` only words serde's own error messages.
                return ignore_or_refuse(&meta, &["expecting"]);
            }
            Ok(())
        })?;
        Ok(container)
    }
}

/// A field's attributes.
pub(crate) struct FieldAttrs {
    pub(crate) ident: Ident,
    /// The field's type, as tokens.
    pub(crate) ty: proc_macro2::TokenStream,
    /// The JSON name.
    pub(crate) name: String,
    pub(crate) default: FieldDefault,
    /// Left out of the JSON when this says so.
    pub(crate) skip_if: Option<ExprPath>,
}

/// What an absent field becomes.
pub(crate) enum FieldDefault {
    /// Nothing: it must be there (an `Option` is `None`).
    None,
    /// `Default::default()`.
    Default,
    /// The value of this function.
    Path(ExprPath),
}

impl FieldAttrs {
    pub(crate) fn read(field: &syn::Field) -> Result<Self> {
        let ident = field
            .ident
            .clone()
            .ok_or_else(|| Error::new(field.span(), "only named fields are supported"))?;
        let mut attrs = Self {
            name: unraw(&ident),
            ident,
            ty: quote::ToTokens::to_token_stream(&field.ty),
            default: FieldDefault::None,
            skip_if: None,
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
            } else if meta.path.is_ident("skip_serializing_if") {
                attrs.skip_if = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else {
                return ignore_or_refuse(&meta, &[]);
            }
            Ok(())
        })?;
        plain_name(&attrs.name, field.span())?;
        Ok(attrs)
    }
}

/// A variant's JSON name.
pub(crate) struct VariantAttrs {
    pub(crate) name: String,
}

impl VariantAttrs {
    pub(crate) fn read(variant: &syn::Variant, container: &Container) -> Result<Self> {
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
        plain_name(&attrs.name, variant.span())?;
        Ok(attrs)
    }
}

/// The named fields of `fields`, in order.
pub(crate) fn named_fields(fields: &syn::FieldsNamed) -> Result<Vec<FieldAttrs>> {
    fields.named.iter().map(FieldAttrs::read).collect()
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

/// Skips an attribute that changes neither reading nor writing (`ignored`); refuses any
/// other, since going on without it would differ from what it asks.
fn ignore_or_refuse(meta: &syn::meta::ParseNestedMeta<'_>, ignored: &[&str]) -> Result<()> {
    if ignored.iter().any(|name| meta.path.is_ident(name)) {
        if meta.input.peek(Token![=]) {
            meta.value()?.parse::<syn::Expr>()?;
        }
        return Ok(());
    }
    Err(meta.error("this serde attribute is not supported by recourse's derives"))
}

/// Names are written into JSON as they are, so nothing in them may need escaping; and
/// nothing may sort before `"`, so that quoted keys (`"name":`) sort as the names do.
fn plain_name(name: &str, span: proc_macro2::Span) -> Result<()> {
    if !name.is_empty() && name.chars().all(|c| c > '"' && c != '\\') {
        Ok(())
    } else {
        Err(Error::new(span, "a JSON name that needs escaping"))
    }
}

fn unraw(ident: &Ident) -> String {
    let text = ident.to_string();
    text.strip_prefix("r#").map_or(text.clone(), str::to_owned)
}

/// serde's `snake_case` for a variant: `BusinessHours` becomes `business_hours`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.char_indices() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}
