//! What the walk (`engine.rs`) keeps as it goes: the issues found so far, each with its rank in the object being
//! walked; the body being written; where a value sits (written out only for an issue); and the top level's edits.

use std::ops::Range;

use serde::Serialize;

use super::{Issue, Member, Problem, Rewrite, Settings};

/// Changes to the top level of a body, made as it is written (the call layer's rewrites and order keys).
#[derive(Clone, Copy, Debug, Default)]
pub struct Edits<'e> {
    /// Order calls: written as `external_id` unless the body has a string there (any other value is replaced).
    pub external_id: Option<&'e str>,
    /// `amount` becomes `items: [{ "sku": <this>, "amount": … }]`.
    pub wrap_amount: Option<&'static str>,
    /// Written as `payment_type` when the body has none.
    pub payment_type: Option<&'static str>,
}

/// Where a value sits.
#[derive(Clone, Copy)]
pub(super) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The key of the nearest member this value sits in (array entries sit in their array's member).
    pub fn last_key(&self) -> Option<&str> {
        match self {
            Path::Root => None,
            Path::Key(_, key) => Some(key),
            Path::Index(parent, _) => parent.last_key(),
        }
    }

    /// `email`, `customer.phone`, `items[0].amount`; empty for the root.
    fn render(&self, out: &mut String) {
        match self {
            Path::Root => {}
            Path::Key(parent, key) => {
                parent.render(out);
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Path::Index(parent, index) => {
                parent.render(out);
                out.push('[');
                push_number(out, *index);
                out.push(']');
            }
        }
    }
}

fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// The walk's state: issues (each with its rank in the object being walked) and the body being written.
pub(super) struct State<'s> {
    pub settings: &'s Settings,
    pub issues: Vec<(usize, Issue)>,
    /// The body written so far; `None` when only validating.
    pub out: Option<Vec<u8>>,
    /// How values copied without a rule are changed (see [`Rewrite`]).
    pub rewrite: Option<&'s dyn Rewrite>,
}

impl<'s> State<'s> {
    pub fn new(settings: &'s Settings, out: Option<Vec<u8>>) -> Self {
        Self { settings, issues: Vec::new(), out, rewrite: None }
    }

    pub fn issue(&mut self, path: &Path<'_>, rank: usize, problem: Problem) {
        let mut at = String::new();
        path.render(&mut at);
        self.issues.push((rank, self.settings.issue(&at, problem)));
    }

    pub fn problems(&mut self, path: &Path<'_>, problems: Vec<Problem>) {
        for problem in problems {
            self.issue(path, 0, problem);
        }
    }

    /// Gives `rank` to the issues from `start` on (those of one member of the object being walked).
    pub fn rank_from(&mut self, start: usize, rank: usize) {
        for issue in self.issues.iter_mut().skip(start) {
            issue.0 = rank;
        }
    }

    /// Orders the issues from `start` by rank, keeping the order of equal ranks (there are few: insertion sort).
    pub fn sort_from(&mut self, start: usize) {
        let Some(issues) = self.issues.get_mut(start..) else { return };
        for i in 1..issues.len() {
            let mut j = i;
            while j > 0 && issues.get(j - 1).map(|p| p.0) > issues.get(j).map(|p| p.0) {
                issues.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    pub fn into_issues(self) -> Vec<Issue> {
        self.issues.into_iter().map(|(_, issue)| issue).collect()
    }

    pub fn write(&mut self, bytes: &[u8]) {
        if let Some(out) = &mut self.out {
            out.extend_from_slice(bytes);
        }
    }

    /// A JSON string or number, as serde_json writes it.
    pub fn write_json<T: Serialize + ?Sized>(&mut self, value: &T) {
        if let Some(out) = &mut self.out {
            let _ = serde_json::to_writer(out, value);
        }
    }

    /// A copied string, changed as the rewrite says.
    pub fn write_text(&mut self, text: &str) {
        match self.rewrite {
            Some(rewrite) if self.out.is_some() => self.write_json(&rewrite.text(text)),
            _ => self.write_json(text),
        }
    }

    /// Writes what replaces a member's value under `member`: `text` is the value when a string, `copy` the value as
    /// it was copied.
    pub fn write_member(&mut self, member: Member, text: Option<&str>, copy: &[u8]) {
        let number = copy.first().is_some_and(|b| b.is_ascii_digit() || *b == b'-');
        match member {
            Member::Copy => self.write(copy),
            Member::Remove(_) if copy == b"null" => self.write(copy),
            Member::Remove(instead) => self.write_json(instead),
            Member::Mask(mask) => match (text, std::str::from_utf8(copy)) {
                (Some(text), _) => self.write_json(&mask(text)),
                (None, Ok(digits)) if number => self.write_json(&mask(digits)),
                _ => self.write(copy),
            },
        }
    }

    pub fn len(&self) -> usize {
        self.out.as_ref().map_or(0, Vec::len)
    }

    pub fn truncate(&mut self, len: usize) {
        if let Some(out) = &mut self.out {
            out.truncate(len);
        }
    }

    /// Cuts `range` out of the body written so far and returns it.
    fn cut(&mut self, range: Range<usize>) -> Vec<u8> {
        match &mut self.out {
            Some(out) if range.start <= range.end && range.end <= out.len() => out.drain(range).collect(),
            _ => Vec::new(),
        }
    }

    /// Ends a `{` or `[` opened at `open`: drops the comma written before its first member, then closes it.
    pub fn close(&mut self, open: usize, closer: u8) {
        if let Some(out) = &mut self.out {
            if out.get(open + 1) == Some(&b',') {
                out.remove(open + 1);
            }
            out.push(closer);
        }
    }
}

/// What the top level of a body said, and where its edited members were written.
#[derive(Default)]
pub(super) struct Top<'e> {
    pub edits: Edits<'e>,
    pub price_token: Option<String>,
    pub external_id: Option<String>,
    pub items: Option<usize>,
    payment_type_seen: bool,
    amount: Option<Range<usize>>,
    items_member: Option<Range<usize>>,
    pub wrapped: bool,
}

impl<'e> Top<'e> {
    pub fn new(edits: Edits<'e>) -> Self {
        Self { edits, ..Self::default() }
    }

    /// Whether the top-level member `name` is read: kept as text when it is a string.
    pub fn reads(name: &str) -> bool {
        matches!(name, "price_token" | "external_id")
    }

    /// Notes a top-level member: its value (`text` when a string, `len` when an array) and where it was written.
    pub fn saw(&mut self, key: &str, member: Range<usize>, text: Option<String>, len: Option<usize>) {
        match key {
            "price_token" => self.price_token = text,
            "external_id" => self.external_id = text,
            "payment_type" => self.payment_type_seen = true,
            "amount" => self.amount = Some(member),
            "items" => {
                self.items = len;
                self.items_member = Some(member);
            }
            _ => {}
        }
    }

    /// Writes the edits at the end of the top-level object.
    pub fn finish(&mut self, st: &mut State<'_>) {
        if let (Some(sku), Some(amount)) = (self.edits.wrap_amount, self.amount.clone()) {
            // `amount` goes, and so does a caller's own `items`, which the wrapped one replaces (later member first).
            let items = self.items_member.take();
            if let Some(items) = items.clone().filter(|items| items.start > amount.start) {
                st.cut(items);
            }
            let member = st.cut(amount.clone());
            if let Some(items) = items.filter(|items| items.start < amount.start) {
                st.cut(items);
            }
            let value = member.get(",\"amount\":".len()..).unwrap_or_default();
            st.write(b",\"items\":[{\"sku\":");
            st.write_json(sku);
            st.write(b",\"amount\":");
            st.write(value);
            st.write(b"}]");
            self.wrapped = true;
        }
        if let (Some(kind), false) = (self.edits.payment_type, self.payment_type_seen) {
            st.write(b",\"payment_type\":");
            st.write_json(kind);
        }
        if let (Some(id), None) = (self.edits.external_id, &self.external_id) {
            st.write(b",\"external_id\":");
            st.write_json(id);
        }
    }
}
