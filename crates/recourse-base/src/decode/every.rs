//! Reading a document past its problems, so that a check reports every one in one pass.
//!
//! A typed read stops at the first problem. [`decode_every`] takes the problem's value out
//! of the document (an unknown key, a value of the wrong type; an object that lacks a field
//! it needs) and reads again, until the read succeeds or nothing is left to take. Paths are
//! reported as the original document writes them: when an array element is taken out, the
//! later elements keep their first index.

use serde_json::Value;

use super::{render, Area, At, Cut, Decode, DecodeError, Place};
use crate::error::Error;

/// What [`decode_every`] read: the value, when what was left reads, the problems in the
/// order found, and the paths taken out (a check leaves out later problems under them).
#[derive(Debug)]
pub struct Reading<T> {
    /// The typed value of what was left; `None` when nothing readable was left.
    pub value: Option<T>,
    /// Every problem, each at its path in the original document.
    pub problems: Vec<Error>,
    /// The paths taken out of the document to read past the problems.
    pub cut: Vec<String>,
}

/// The document's cuts so far, to report paths as the original writes them.
#[derive(Default)]
struct Cuts {
    /// Elements taken out: the array's original path and the element's original index.
    elements: Vec<(Vec<Place>, usize)>,
    /// Keys taken out: the object's original path and the key.
    keys: Vec<(Vec<Place>, String)>,
    paths: Vec<String>,
}

/// Reads a `T` out of `value`, taking each problem out and reading on, at most `passes`
/// times; see the module's docs. For configuration: the paths name the document's keys.
pub fn decode_every<T: Decode>(mut value: Value, area: Area, passes: usize) -> Reading<T> {
    let mut problems = Vec::new();
    let mut cuts = Cuts::default();
    for _ in 0..passes {
        match T::decode(&value, &At::Root) {
            Ok(read) => {
                return Reading {
                    value: Some(read),
                    problems,
                    cut: cuts.paths,
                }
            }
            Err(failure) => {
                if !read_past(&mut value, failure, area, &mut cuts, &mut problems) {
                    break;
                }
            }
        }
    }
    Reading {
        value: None,
        problems,
        cut: cuts.paths,
    }
}

/// Reports `failure` (unless it only follows from an earlier cut) and takes its value out of
/// `value`; `false` when there is nothing left to take.
fn read_past(
    value: &mut Value,
    failure: DecodeError,
    area: Area,
    cuts: &mut Cuts,
    problems: &mut Vec<Error>,
) -> bool {
    let here = cuts.original(&failure.0.steps);
    let mut target = failure.0.steps.clone();
    let follows_a_cut = match &failure.0.cut {
        Cut::Value => false,
        Cut::UnknownKey(key) => {
            target.push(Place::Key(key.clone()));
            false
        }
        Cut::MissingKey(key) => cuts.keys.iter().any(|(at, k)| *at == here && k == key),
    };
    if !follows_a_cut {
        let mut error = failure.into_error(area);
        if cuts.elements.iter().any(|(at, _)| here.starts_with(at)) {
            error = Error::new(error.kind().clone(), render(&here));
        }
        problems.push(error);
    }
    cuts.take_out(value, &target)
}

impl Cuts {
    /// `steps` of the document as it is now, as the original writes them.
    fn original(&self, steps: &[Place]) -> Vec<Place> {
        let mut out = Vec::with_capacity(steps.len());
        for step in steps {
            let step = match step {
                Place::Key(key) => Place::Key(key.clone()),
                Place::Index(now) => {
                    let mut taken: Vec<usize> = self
                        .elements
                        .iter()
                        .filter(|(at, _)| *at == out)
                        .map(|(_, i)| *i)
                        .collect();
                    taken.sort_unstable();
                    Place::Index(taken.into_iter().fold(*now, |i, t| i + usize::from(t <= i)))
                }
            };
            out.push(step);
        }
        out
    }

    /// Takes the value at `target` (the document as it is now) out; `false` when `target`
    /// is the root or is not there.
    fn take_out(&mut self, value: &mut Value, target: &[Place]) -> bool {
        let Some((last, parent)) = target.split_last() else {
            return false;
        };
        let original_parent = self.original(parent);
        let original = self.original(target);
        let Some(holder) = parent.iter().try_fold(value, |v, step| match (v, step) {
            (Value::Object(map), Place::Key(key)) => map.get_mut(key),
            (Value::Array(items), Place::Index(i)) => items.get_mut(*i),
            _ => None,
        }) else {
            return false;
        };
        let taken = match (holder, last) {
            (Value::Object(map), Place::Key(key)) => map.remove(key).is_some(),
            (Value::Array(items), Place::Index(i)) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        };
        if taken {
            match original.last() {
                Some(Place::Index(i)) => self.elements.push((original_parent, *i)),
                Some(Place::Key(key)) => self.keys.push((original_parent, key.clone())),
                None => {}
            }
            self.paths.push(render(&original));
        }
        taken
    }
}
