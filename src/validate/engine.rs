//! The walk: the JSON text of a body against a rule, in one pass over the text (serde_json's reader; no `Value` is
//! built), reporting every problem with its path and, when asked, writing the body to send: the same JSON with phone
//! and card numbers normalised and the call's top-level edits applied ([`Edits`]).
//!
//! Issues come out in the order of the tables, whatever the order of the body: an object's declared fields in
//! declaration order (each with what was found inside it), then its unknown fields in body order, then its checks.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

use super::schema::{Check, Field, Rule, Schema, KNOWN_SKUS};
use super::{card, rules, Issue, Problem, Settings};

/// Implements the visitor methods a visitor has no use for: each returns `$value`.
macro_rules! reject_others {
    ($value:expr; $($method:ident($($arg:ty)?)),*) => {
        $(
            fn $method<E: de::Error>(self $(, _: $arg)?) -> Result<Self::Value, E> {
                Ok($value)
            }
        )*
    };
}

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

/// A walked body: its issues, and what the call layer needs from it.
#[derive(Debug, Default, PartialEq)]
pub struct Walked {
    pub issues: Vec<Issue>,
    /// The body to send, when it was written.
    pub body: String,
    /// The top level's `price_token`, when a string.
    pub price_token: Option<String>,
    /// The top level's own `external_id`, when a string (with [`Edits::external_id`], `None` means that one went).
    pub external_id: Option<String>,
    /// Entries of the top-level `items` array as written, at least 1.
    pub lines: usize,
}

/// Walks `text` (a JSON body) against `schema`; writes the body when `write`. Text that is not JSON (or nests deeper
/// than 128 levels) is one issue at the root.
pub fn walk(schema: Option<&Schema>, text: &str, settings: &Settings, edits: Edits<'_>, write: bool) -> Walked {
    let mut st = State { settings, issues: Vec::new(), out: write.then(|| Vec::with_capacity(text.len() + 64)) };
    let mut top = Top { edits, ..Top::default() };
    let Some(schema) = schema else {
        if text.trim() != "null" {
            st.issue(&Path::Root, 0, Problem::UnknownField);
        }
        return Walked { issues: st.finish(), lines: 1, ..Walked::default() };
    };
    let rule = Rule::ObjectWith(schema.fields, schema.checks);
    let mut reader = serde_json::Deserializer::from_str(text);
    let walked = Walk { rule: &rule, path: Path::Root, st: &mut st, expect: None, capture: false, top: Some(&mut top) }
        .deserialize(&mut reader)
        .and_then(|seen| reader.end().map(|()| seen));
    match walked {
        Ok(seen) => {
            if seen.null {
                st.issue(&Path::Root, 0, mismatch(&rule));
            }
            let body = st.out.take().and_then(|out| String::from_utf8(out).ok()).unwrap_or_default();
            let lines = if top.wrapped { 1 } else { top.items.unwrap_or(1).max(1) };
            Walked { issues: st.finish(), body, price_token: top.price_token, external_id: top.external_id, lines }
        }
        Err(_) => Walked { issues: vec![settings.issue("", Problem::NotJson)], lines: 1, ..Walked::default() },
    }
}

/// The problem of a value of the wrong type for `rule`.
fn mismatch(rule: &Rule) -> Problem {
    match rule {
        Rule::Object(_) | Rule::ObjectWith(..) | Rule::Payment { .. } => Problem::NotObject,
        Rule::Array { .. } => Problem::NotArray,
        Rule::Bool => Problem::NotBoolean,
        Rule::Integer { .. } => Problem::NotInteger,
        Rule::Metal | Rule::Money => Problem::NotNumber,
        _ => Problem::NotString,
    }
}

/// Where a value sits; written out only for an issue.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
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
struct State<'s> {
    settings: &'s Settings,
    issues: Vec<(usize, Issue)>,
    out: Option<Vec<u8>>,
}

impl State<'_> {
    fn issue(&mut self, path: &Path<'_>, rank: usize, problem: Problem) {
        let mut at = String::new();
        path.render(&mut at);
        self.issues.push((rank, self.settings.issue(&at, problem)));
    }

    fn problems(&mut self, path: &Path<'_>, problems: Vec<Problem>) {
        for problem in problems {
            self.issue(path, 0, problem);
        }
    }

    fn finish(self) -> Vec<Issue> {
        self.issues.into_iter().map(|(_, issue)| issue).collect()
    }

    fn write(&mut self, bytes: &[u8]) {
        if let Some(out) = &mut self.out {
            out.extend_from_slice(bytes);
        }
    }

    /// A JSON string or number, as serde_json writes it.
    fn write_json<T: Serialize + ?Sized>(&mut self, value: &T) {
        if let Some(out) = &mut self.out {
            let _ = serde_json::to_writer(out, value);
        }
    }

    fn len(&self) -> usize {
        self.out.as_ref().map_or(0, Vec::len)
    }

    fn truncate(&mut self, len: usize) {
        if let Some(out) = &mut self.out {
            out.truncate(len);
        }
    }

    /// Cuts `range` out of the body written so far.
    fn cut(&mut self, range: Range<usize>) -> Vec<u8> {
        self.out.as_mut().map(|out| out.drain(range).collect()).unwrap_or_default()
    }

    /// Ends a `{`/`[` opened at `open`: drops the comma written before its first member, then closes it.
    fn close(&mut self, open: usize, closer: u8) {
        if let Some(out) = &mut self.out {
            if out.get(open + 1) == Some(&b',') {
                out.remove(open + 1);
            }
            out.push(closer);
        }
    }

    /// Orders the issues from `start` by rank, keeping the order of equal ranks (there are few: insertion sort).
    fn sort_from(&mut self, start: usize) {
        let Some(issues) = self.issues.get_mut(start..) else { return };
        for i in 1..issues.len() {
            let mut j = i;
            while j > 0 && issues.get(j - 1).map(|p| p.0) > issues.get(j).map(|p| p.0) {
                issues.swap(j - 1, j);
                j -= 1;
            }
        }
    }

    fn rank_from(&mut self, start: usize, rank: usize) {
        for issue in self.issues.iter_mut().skip(start) {
            issue.0 = rank;
        }
    }
}

/// What the top level of a body said, and where its edited members were written.
#[derive(Default)]
struct Top<'e> {
    edits: Edits<'e>,
    price_token: Option<String>,
    external_id: Option<String>,
    items: Option<usize>,
    payment_type_seen: bool,
    amount: Option<Range<usize>>,
    items_member: Option<Range<usize>>,
    wrapped: bool,
}

/// What a value was, besides its problems.
#[derive(Default)]
struct Seen {
    null: bool,
    /// A string equal to [`Walk::expect`].
    matched: bool,
    /// The string, when [`Walk::capture`] asked for it.
    text: Option<String>,
    /// The length of an array.
    len: Option<usize>,
}

/// One value against its rule.
struct Walk<'a, 'p, 's, 'e> {
    rule: &'a Rule,
    path: Path<'p>,
    st: &'a mut State<'s>,
    /// The value a check across fields compares this one with.
    expect: Option<&'static str>,
    /// Keep a string value (`price_token`, `external_id`).
    capture: bool,
    /// The top level of the body.
    top: Option<&'a mut Top<'e>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, '_, '_> {
    type Value = Seen;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Seen, D::Error> {
        let Rule::Payment { card, stored } = self.rule else {
            return deserializer.deserialize_any(self);
        };
        // The table depends on a field that may come last: the value is written out as JSON first (what would be
        // sent), looked at, then walked.
        let mut copy = State { settings: self.st.settings, issues: Vec::new(), out: Some(Vec::new()) };
        Copy::to(&mut copy).deserialize(deserializer)?;
        let text = copy.out.and_then(|out| String::from_utf8(out).ok()).unwrap_or_default();
        let fields = if has_card_token(&text) { stored } else { card };
        let mut reader = serde_json::Deserializer::from_str(&text);
        Walk { rule: &Rule::Object(fields), ..self }.deserialize(&mut reader).map_err(|_| de::Error::custom("not JSON"))
    }
}

/// Whether an object's text has a `card_token` that is not `null`.
fn has_card_token(text: &str) -> bool {
    struct Look;
    impl<'de> Visitor<'de> for Look {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut found = false;
            while let Some(key) = map.next_key_seed(Key)? {
                if key == "card_token" {
                    found = map.next_value::<Option<IgnoredAny>>()?.is_some();
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(false)
        }
        reject_others!(false; visit_bool(bool), visit_i64(i64), visit_u64(u64), visit_f64(f64), visit_str(&str),
            visit_unit());
    }
    serde_json::Deserializer::from_str(text).deserialize_any(Look).unwrap_or(false)
}

impl<'a> Walk<'a, '_, '_, '_> {
    fn problem(&mut self, problem: Problem) {
        self.st.issue(&self.path, 0, problem);
    }

    fn number(mut self, value: f64, integer: Option<i64>) -> Seen {
        match self.rule {
            Rule::Integer { min, max } => match integer {
                Some(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => {}
                Some(_) => self.problem(Problem::OutOfRange(i64::from(*min), i64::from(*max))),
                None => self.problem(Problem::NotInteger),
            },
            Rule::Metal => self.st.problems(&self.path, rules::quantity(Some(value), 4, 10_000_000.0)),
            Rule::Money => self.st.problems(&self.path, rules::quantity(Some(value), 2, 100_000_000_000.0)),
            rule => self.problem(mismatch(rule)),
        }
        Seen::default()
    }

    fn string(mut self, text: &str) -> Seen {
        let seen =
            Seen { matched: self.expect == Some(text), text: self.capture.then(|| text.to_owned()), ..Seen::default() };
        let normalized = match self.rule {
            Rule::Phone => Some(rules::normalize_phone(text)),
            Rule::CardNumber => Some(card::normalize_card_number(text)),
            _ => None,
        };
        match normalized {
            Some(Ok(normalized)) => {
                self.st.write_json(&normalized);
                return seen;
            }
            Some(Err(problem)) => self.problem(problem),
            None => match self.rule {
                Rule::Object(_)
                | Rule::ObjectWith(..)
                | Rule::Payment { .. }
                | Rule::Array { .. }
                | Rule::Bool
                | Rule::Integer { .. }
                | Rule::Metal
                | Rule::Money => self.problem(mismatch(self.rule)),
                rule => {
                    let problems = check_string(rule, text, self.st.settings);
                    self.st.problems(&self.path, problems);
                }
            },
        }
        self.st.write_json(text);
        seen
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, '_, '_> {
    type Value = Seen;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, value: bool) -> Result<Seen, E> {
        if !matches!(self.rule, Rule::Bool) {
            self.problem(mismatch(self.rule));
        }
        self.st.write(if value { b"true" } else { b"false" });
        Ok(Seen::default())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Seen, E> {
        self.st.write_json(&value);
        Ok(self.number(value as f64, Some(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Seen, E> {
        self.st.write_json(&value);
        Ok(self.number(value as f64, i64::try_from(value).ok()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Seen, E> {
        self.st.write_json(&value);
        Ok(self.number(value, None))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Seen, E> {
        Ok(self.string(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Seen, E> {
        self.st.write(b"null");
        Ok(Seen { null: true, ..Seen::default() })
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Seen, A::Error> {
        let Rule::Array { min, max, item } = self.rule else {
            self.problem(mismatch(self.rule));
            Copy::to(self.st).visit_seq(seq)?;
            return Ok(Seen::default());
        };
        let (start, open) = (self.st.issues.len(), self.st.len());
        self.st.write(b"[");
        let mut count = 0;
        loop {
            let before = self.st.len();
            self.st.write(b",");
            let path = Path::Index(&self.path, count);
            let walk = Walk { rule: item, path, st: self.st, expect: None, capture: false, top: None };
            match seq.next_element_seed(walk)? {
                Some(seen) => {
                    if seen.null {
                        self.st.issue(&path, 0, mismatch(item));
                    }
                    count += 1;
                }
                None => {
                    self.st.truncate(before);
                    break;
                }
            }
        }
        self.st.close(open, b']');
        let (min, max) = (usize::from(*min), usize::from(*max));
        let length = if count < min {
            Some(Problem::ArrayTooShort(min))
        } else if count > max {
            Some(Problem::ArrayTooLong(max))
        } else {
            None
        };
        if let Some(problem) = length {
            // Reported before the entries' own issues.
            let mut at = String::new();
            self.path.render(&mut at);
            let issue = self.st.settings.issue(&at, problem);
            self.st.issues.insert(start, (0, issue));
        }
        Ok(Seen { len: Some(count), ..Seen::default() })
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Seen, A::Error> {
        let (fields, checks): (&[Field], &[Check]) = match self.rule {
            Rule::Object(fields) => (fields, &[]),
            Rule::ObjectWith(fields, checks) => (fields, checks),
            rule => {
                self.problem(mismatch(rule));
                Copy::to(self.st).visit_map(map)?;
                return Ok(Seen::default());
            }
        };
        walk_object(map, fields, checks, &self.path, self.st, self.top)?;
        Ok(Seen::default())
    }
}

/// An object against its fields and checks (see the module docs for the order of issues).
fn walk_object<'de, A: MapAccess<'de>>(
    mut map: A,
    fields: &[Field],
    checks: &[Check],
    path: &Path<'_>,
    st: &mut State<'_>,
    mut top: Option<&mut Top<'_>>,
) -> Result<(), A::Error> {
    let bit = |i: usize| u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)).unwrap_or(0);
    let (start, open) = (st.issues.len(), st.len());
    let (mut present, mut matched) = (0u64, 0u64);
    st.write(b"{");
    while let Some(key) = map.next_key_seed(Key)? {
        let (member, before) = (st.len(), st.issues.len());
        st.write(b",");
        st.write_json(&*key);
        st.write(b":");
        let Some((i, field)) = fields.iter().enumerate().find(|(_, f)| f.name == key) else {
            st.issue(&Path::Key(path, &key), fields.len(), Problem::UnknownField);
            let capture = top.is_some() && key == "price_token";
            let text = map.next_value_seed(Copy { st, capture })?;
            if let Some(top) = top.as_deref_mut() {
                top.saw(&key, member..st.len(), Seen { text, ..Seen::default() });
            }
            continue;
        };
        let expect = checks.iter().find_map(|check| match check {
            Check::PresentExactlyWhen { field: name, value, .. } if *name == field.name => Some(*value),
            _ => None,
        });
        let capture = top.is_some() && matches!(field.name, "price_token" | "external_id");
        let path = Path::Key(path, field.name);
        let seen = map.next_value_seed(Walk { rule: &field.rule, path, st, expect, capture, top: None })?;
        let claimed = top.as_ref().is_some_and(|top| top.edits.external_id.is_some());
        if claimed && field.name == "external_id" && seen.text.is_none() {
            // An order's key must be a string: this value goes, the claimed one is written at the end.
            st.issues.truncate(before);
            st.truncate(member);
            continue;
        }
        if !seen.null {
            present |= bit(i);
        }
        if seen.matched {
            matched |= bit(i);
        }
        st.rank_from(before, i);
        if let Some(top) = top.as_deref_mut() {
            top.saw(field.name, member..st.len(), seen);
        }
    }
    if let Some(top) = top.as_deref_mut() {
        if let Some(i) = top.edits.external_id.and_then(|_| fields.iter().position(|f| f.name == "external_id")) {
            present |= bit(i);
        }
    }
    for (i, field) in fields.iter().enumerate() {
        if field.required && present & bit(i) == 0 {
            st.issue(&Path::Key(path, field.name), i, Problem::Required);
        }
    }
    let is_present = |name: &str| fields.iter().position(|f| f.name == name).is_some_and(|i| present & bit(i) != 0);
    let rank = fields.len() + 1;
    for check in checks {
        match check {
            Check::AtLeastOneOf(names) => {
                if !names.iter().any(|n| is_present(n)) {
                    st.issue(path, rank, Problem::AtLeastOneOf(names));
                }
            }
            Check::ExactlyOneOf(names) => {
                if names.iter().filter(|n| is_present(n)).count() != 1 {
                    st.issue(path, rank, Problem::ExactlyOneOf(names));
                }
            }
            Check::Requires(field, needs) => {
                if is_present(field) && !is_present(needs) {
                    st.issue(&Path::Key(path, needs), rank, Problem::RequiredWith(field));
                }
            }
            Check::PresentExactlyWhen { field, value, needs } => {
                let matches = fields.iter().position(|f| f.name == *field).is_some_and(|i| matched & bit(i) != 0);
                if matches && !is_present(needs) {
                    st.issue(&Path::Key(path, needs), rank, Problem::RequiredWhen(field, value));
                } else if !matches && is_present(needs) {
                    st.issue(&Path::Key(path, needs), rank, Problem::OnlyWhen(field, value));
                }
            }
        }
    }
    st.sort_from(start);
    if let Some(top) = top {
        top.finish(st);
    }
    st.close(open, b'}');
    Ok(())
}

impl Top<'_> {
    /// Notes a top-level member: its value (when a string) and where it was written.
    fn saw(&mut self, key: &str, member: Range<usize>, seen: Seen) {
        match key {
            "price_token" => self.price_token = seen.text,
            "external_id" => self.external_id = seen.text,
            "payment_type" => self.payment_type_seen = true,
            "amount" => self.amount = Some(member),
            "items" => {
                self.items = seen.len;
                self.items_member = Some(member);
            }
            _ => {}
        }
    }

    /// Writes the edits at the end of the top-level object.
    fn finish(&mut self, st: &mut State<'_>) {
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

/// Copies any value to the body being written (or skips it when nothing is written); keeps a string value when
/// `capture`.
struct Copy<'a, 's> {
    st: &'a mut State<'s>,
    capture: bool,
}

impl<'a, 's> Copy<'a, 's> {
    fn to(st: &'a mut State<'s>) -> Self {
        Self { st, capture: false }
    }
}

impl<'de> DeserializeSeed<'de> for Copy<'_, '_> {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        if self.st.out.is_none() && !self.capture {
            return deserializer.deserialize_ignored_any(IgnoredAny).map(|_| None);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Copy<'_, '_> {
    type Value = Option<String>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        self.st.write(if value { b"true" } else { b"false" });
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.st.write_json(&value);
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.st.write_json(&value);
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.st.write_json(&value);
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.st.write_json(value);
        Ok(self.capture.then(|| value.to_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.st.write(b"null");
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let open = self.st.len();
        self.st.write(b"[");
        loop {
            let before = self.st.len();
            self.st.write(b",");
            if seq.next_element_seed(Copy::to(self.st))?.is_none() {
                self.st.truncate(before);
                break;
            }
        }
        self.st.close(open, b']');
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let open = self.st.len();
        self.st.write(b"{");
        while let Some(key) = map.next_key_seed(Key)? {
            self.st.write(b",");
            self.st.write_json(&*key);
            self.st.write(b":");
            map.next_value_seed(Copy::to(self.st))?;
        }
        self.st.close(open, b'}');
        Ok(None)
    }
}

/// A map key: a string, borrowed when it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

fn check_string(rule: &Rule, text: &str, s: &Settings) -> Vec<Problem> {
    let one_of = |values: &'static [&'static str], problem: Problem| {
        if values.contains(&text) {
            Vec::new()
        } else {
            vec![problem]
        }
    };
    match rule {
        Rule::ExternalId => rules::external_id(text),
        Rule::PersonName => rules::person_name(text),
        Rule::MiddleName => rules::middle_name(text),
        Rule::Text { min, max } => rules::length(text, usize::from(*min), usize::from(*max)),
        Rule::Email => rules::email(text),
        Rule::Gender(values) => rules::gender(text, values),
        Rule::Birthdate => rules::birthdate(text, s.today),
        Rule::Date => rules::parse_date(text).err().into_iter().collect(),
        Rule::Tckn => rules::tckn(text),
        Rule::Vkn => rules::vkn(text),
        Rule::OneOf(values) => one_of(values, Problem::OneOf(values)),
        Rule::Suggest(values) => one_of(values, Problem::Unusual(values)),
        Rule::Sku => rules::sku(text, KNOWN_SKUS),
        Rule::Token => rules::token(text),
        Rule::CardExpiry => card::expiry(text, s.today),
        Rule::Cvv => card::digits(text, 3, 4, Problem::Cvv),
        Rule::Bin => card::digits(text, 6, 8, Problem::Bin),
        Rule::Ip => rules::ip(text),
        // Other rules are not about strings (see `Walk::string`).
        Rule::Object(_)
        | Rule::ObjectWith(..)
        | Rule::Payment { .. }
        | Rule::Array { .. }
        | Rule::Bool
        | Rule::Integer { .. }
        | Rule::Metal
        | Rule::Money
        | Rule::Phone
        | Rule::CardNumber => Vec::new(),
    }
}
