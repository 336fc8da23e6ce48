//! The walk: the JSON text of a body against a request model's rules, in one pass over the text (serde_json's
//! reader; no `Value` is built), reporting every problem with its path and, when asked, writing the body to send: the
//! same JSON with phone and card numbers normalised and the call's top-level edits applied ([`Edits`]). The same walk
//! copies JSON with a [`Transform`] (redaction), so the wasm holds one JSON reader.
//!
//! Issues come out in the order of the tables, whatever the order of the body: an object's declared fields in
//! declaration order (each with what was found inside it), then its unknown fields in body order, then its checks.
//! One visitor does it all (a value without a rule is copied as it is), so serde_json's reader is compiled once.
//!
//! As it goes the walk keeps a [`State`]: the issues found so far, each with its rank in the object being walked;
//! the body being written; where a value sits ([`Path`], written out only for an issue); and at the top level of a
//! body, its edits ([`Top`]).

use std::borrow::Cow;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use std::ops::Range;

use serde::Serialize;

use super::schema::{Check, Field, Rule, Schema, KNOWN_SKUS};
use super::{card, rules, Language, Member, Problem, Settings, Severity, Transform, ValidationIssue};

/// A walked body: its issues, and what the call layer needs from it.
#[derive(Debug, Default, PartialEq)]
pub struct Walked {
    pub issues: Vec<ValidationIssue>,
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
fn walk(schema: Option<&Schema>, text: &str, settings: &Settings, edits: Edits<'_>, write: bool) -> Walked {
    let mut st = State::new(settings, write.then(|| Vec::with_capacity(text.len() + 64)));
    let Some(schema) = schema else {
        if text.trim() != "null" {
            st.issue(&Path::Root, 0, Problem::UnknownField);
        }
        return Walked { issues: st.into_issues(), lines: 1, ..Walked::default() };
    };
    let mut top = Top::new(edits);
    let rule = Rule::ObjectWith(schema.fields, schema.checks);
    let mut reader = serde_json::Deserializer::from_str(text);
    let walked = Walk::new(Some(&rule), Path::Root, &mut st)
        .top(&mut top)
        .deserialize(&mut reader)
        .and_then(|seen| reader.end().map(|()| seen));
    match walked {
        Ok(seen) => {
            if seen.null {
                st.issue(&Path::Root, 0, mismatch(&rule));
            }
            let body = st.out.take().and_then(|out| String::from_utf8(out).ok()).unwrap_or_default();
            let lines = if top.wrapped { 1 } else { top.items.unwrap_or(1).max(1) };
            Walked { issues: st.into_issues(), body, price_token: top.price_token, external_id: top.external_id, lines }
        }
        Err(_) => Walked { issues: vec![settings.issue("", Problem::NotJson)], lines: 1, ..Walked::default() },
    }
}

/// Settings of a copy: it reports no issues.
const COPY: Settings = Settings { language: Language::En, strict_identity_numbers: false, today: time::Date::MIN };

/// Copies JSON `text` as `rewrite` says (see [`transform()`]).
fn copy_with(text: &str, rewrite: &dyn Transform) -> Option<String> {
    let mut st = State::new(&COPY, Some(Vec::with_capacity(text.len())));
    st.rewrite = Some(rewrite);
    let mut reader = serde_json::Deserializer::from_str(text);
    Walk::new(None, Path::Root, &mut st).deserialize(&mut reader).ok()?;
    reader.end().ok()?;
    st.out.and_then(|out| String::from_utf8(out).ok())
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
    /// An object copied without a rule had a `card_token` that is not `null`.
    card_token: bool,
}

/// One value against its rule; without a rule, the value is copied as it is.
struct Walk<'a, 'p, 's, 'e> {
    rule: Option<&'a Rule>,
    path: Path<'p>,
    st: &'a mut State<'s>,
    /// The value a check across fields compares this one with.
    expect: Option<&'static str>,
    /// Keep a string value (`price_token`, `external_id`).
    capture: bool,
    /// The top level of the body.
    top: Option<&'a mut Top<'e>>,
}

impl<'a, 'p, 's, 'e> Walk<'a, 'p, 's, 'e> {
    fn new(rule: Option<&'a Rule>, path: Path<'p>, st: &'a mut State<'s>) -> Self {
        Self { rule, path, st, expect: None, capture: false, top: None }
    }

    fn top(self, top: &'a mut Top<'e>) -> Self {
        Self { top: Some(top), ..self }
    }

    fn problem(&mut self, problem: Problem) {
        self.st.issue(&self.path, 0, problem);
    }

    /// A value of the wrong type for the rule (none when there is no rule).
    fn mismatch(&mut self) {
        if let Some(rule) = self.rule {
            self.problem(mismatch(rule));
        }
    }

    fn number(mut self, value: f64, integer: Option<i64>) -> Seen {
        match self.rule {
            None => {}
            Some(Rule::Integer { min, max }) => match integer {
                Some(n) if (i64::from(*min)..=i64::from(*max)).contains(&n) => {}
                Some(_) => self.problem(Problem::OutOfRange(i64::from(*min), i64::from(*max))),
                None => self.problem(Problem::NotInteger),
            },
            Some(Rule::Metal) => self.st.problems(&self.path, rules::quantity(Some(value), 4, 10_000_000.0)),
            Some(Rule::Money) => self.st.problems(&self.path, rules::quantity(Some(value), 2, 100_000_000_000.0)),
            Some(_) => self.mismatch(),
        }
        Seen::default()
    }

    fn string(mut self, text: &str) -> Seen {
        let seen =
            Seen { matched: self.expect == Some(text), text: self.capture.then(|| text.to_owned()), ..Seen::default() };
        let normalize: Option<Normalize> = match self.rule {
            Some(Rule::Phone) => Some(rules::normalize_phone),
            Some(Rule::CardNumber) => Some(card::normalize_card_number),
            _ => None,
        };
        match (normalize.map(|normalize| normalize(text)), self.rule) {
            (Some(Ok(normalized)), _) => {
                self.st.write_json(&normalized);
                return seen;
            }
            (Some(Err(problem)), _) => self.problem(problem),
            (None, Some(rule)) => {
                let problems = check_string(rule, text, self.st.settings);
                self.st.problems(&self.path, problems);
            }
            (None, None) => {}
        }
        self.st.write_text(text);
        seen
    }
}

/// Transforms a value into the form the API wants, or says why it cannot.
type Normalize = fn(&str) -> Result<String, Problem>;

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, '_, '_> {
    type Value = Seen;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Seen, D::Error> {
        match self.rule {
            None if self.st.out.is_none() && !self.capture => {
                deserializer.deserialize_ignored_any(IgnoredAny).map(|_| Seen::default())
            }
            Some(Rule::Payment { card, stored }) => {
                // The table depends on a field that may come last: the value is written out as JSON first (what
                // would be sent), then walked with the table its `card_token` chooses.
                let mut copy = State::new(self.st.settings, Some(Vec::new()));
                let seen = Walk::new(None, Path::Root, &mut copy).deserialize(deserializer)?;
                let text = copy.out.and_then(|out| String::from_utf8(out).ok()).unwrap_or_default();
                let table = Rule::Object(if seen.card_token { stored } else { card });
                let mut reader = serde_json::Deserializer::from_str(&text);
                // The copy is JSON this walk wrote, so it reads back; were it not, that is an issue here, not an
                // error of the outer reader (serde_json's custom errors carry a message parser the wasm need not).
                let Walk { path, st, expect, capture, top, .. } = self;
                let walk = Walk { rule: Some(&table), path, st: &mut *st, expect, capture, top };
                Ok(walk.deserialize(&mut reader).unwrap_or_else(|_| {
                    st.issue(&path, 0, Problem::NotJson);
                    Seen::default()
                }))
            }
            _ => deserializer.deserialize_any(self),
        }
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, '_, '_> {
    type Value = Seen;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, value: bool) -> Result<Seen, E> {
        if !matches!(self.rule, None | Some(Rule::Bool)) {
            self.mismatch();
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
        self.st.write(number_text(value).as_bytes());
        Ok(self.number(value, None))
    }

    fn visit_str<E: de::Error>(mut self, value: &str) -> Result<Seen, E> {
        if matches!(
            self.rule,
            Some(
                Rule::Object(_)
                    | Rule::ObjectWith(..)
                    | Rule::Payment { .. }
                    | Rule::Array { .. }
                    | Rule::Bool
                    | Rule::Integer { .. }
                    | Rule::Metal
                    | Rule::Money
            )
        ) {
            self.mismatch();
            self.rule = None;
        }
        Ok(self.string(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Seen, E> {
        self.st.write(b"null");
        Ok(Seen { null: true, ..Seen::default() })
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Seen, A::Error> {
        let (min, max, item) = match self.rule {
            Some(Rule::Array { min, max, item }) => (usize::from(*min), usize::from(*max), Some(&**item)),
            Some(_) => {
                self.mismatch();
                (0, usize::MAX, None)
            }
            None => (0, usize::MAX, None),
        };
        let (start, open) = (self.st.issues.len(), self.st.len());
        self.st.write(b"[");
        let mut count = 0;
        loop {
            let before = self.st.len();
            self.st.write(b",");
            let path = Path::Index(&self.path, count);
            match seq.next_element_seed(Walk::new(item, path, self.st))? {
                Some(seen) => {
                    if let (true, Some(item)) = (seen.null, item) {
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
        let length = if count < min {
            Some(Problem::ArrayTooShort(min))
        } else if count > max {
            Some(Problem::ArrayTooLong(max))
        } else {
            None
        };
        if let Some(problem) = length {
            // Reported before the entries' own issues.
            self.problem(problem);
            if let Some(issue) = self.st.issues.pop() {
                self.st.issues.insert(start, issue);
            }
        }
        Ok(Seen { len: Some(count), ..Seen::default() })
    }

    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<Seen, A::Error> {
        let (fields, checks): (&[Field], &[Check]) = match self.rule {
            Some(Rule::Object(fields)) => (fields, &[]),
            Some(Rule::ObjectWith(fields, checks)) => (fields, checks),
            Some(_) => {
                self.mismatch();
                return copy_object(map, &self.path, self.st);
            }
            None => return copy_object(map, &self.path, self.st),
        };
        walk_object(map, fields, checks, &self.path, self.st, self.top)?;
        Ok(Seen::default())
    }
}

/// Copies an object without a rule, changing its members as the state's rewrite says; notes whether it has a
/// `card_token` that is not `null`.
fn copy_object<'de, A: MapAccess<'de>>(mut map: A, path: &Path<'_>, st: &mut State<'_>) -> Result<Seen, A::Error> {
    let open = st.len();
    let mut card_token = false;
    st.write(b"{");
    while let Some(key) = map.next_key_seed(Key)? {
        st.write(b",");
        st.write_json(&*key);
        st.write(b":");
        let at = Path::Key(path, &key);
        let seen = match st.rewrite.map(|r| r.member(&key, path.last_key())) {
            None | Some(Member::Copy) => map.next_value_seed(Walk::new(None, at, st))?,
            Some(member) => {
                // The value is copied aside (its string kept), then replaced.
                let written = st.out.replace(Vec::new());
                let mut walk = Walk::new(None, at, st);
                walk.capture = true;
                let seen = map.next_value_seed(walk)?;
                let copy = std::mem::replace(&mut st.out, written).unwrap_or_default();
                st.write_member(member, seen.text.as_deref(), &copy);
                seen
            }
        };
        if key == "card_token" {
            card_token = !seen.null;
        }
    }
    st.close(open, b'}');
    Ok(Seen { card_token, ..Seen::default() })
}

/// An object against its fields and checks (see the module docs for the order of issues): its members one by one,
/// then the required fields it lacks, then the checks across fields.
fn walk_object<'de, A: MapAccess<'de>>(
    map: A,
    fields: &[Field],
    checks: &[Check],
    path: &Path<'_>,
    st: &mut State<'_>,
    mut top: Option<&mut Top<'_>>,
) -> Result<(), A::Error> {
    let (start, open) = (st.issues.len(), st.len());
    st.write(b"{");
    let seen = walk_members(map, fields, checks, path, st, top.as_deref_mut())?;
    for (i, field) in fields.iter().enumerate() {
        if field.required && !seen.present.contains(i) {
            st.issue(&Path::Key(path, field.name), i, Problem::Required);
        }
    }
    let rank = fields.len() + 1;
    for check in checks {
        if let Some((at, problem)) = failed_check(check, &seen, path) {
            st.issue(&at, rank, problem);
        }
    }
    st.sort_from(start);
    if let Some(top) = top {
        top.finish(st);
    }
    st.close(open, b'}');
    Ok(())
}

/// Which declared fields of an object were seen with a value, and which held the value a check compares with.
struct Members<'f> {
    fields: &'f [Field],
    present: FieldSet,
    matched: FieldSet,
}

impl Members<'_> {
    fn is_present(&self, name: &str) -> bool {
        self.position(name).is_some_and(|i| self.present.contains(i))
    }

    fn is_matched(&self, name: &str) -> bool {
        self.position(name).is_some_and(|i| self.matched.contains(i))
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// A set of an object's declared fields, by their position in the table (tables have fewer than 64).
#[derive(Clone, Copy, Default)]
struct FieldSet(u64);

impl FieldSet {
    fn bit(i: usize) -> u64 {
        u32::try_from(i).ok().and_then(|i| 1u64.checked_shl(i)).unwrap_or(0)
    }

    fn insert(&mut self, i: usize) {
        self.0 |= Self::bit(i);
    }

    fn contains(self, i: usize) -> bool {
        self.0 & Self::bit(i) != 0
    }
}

/// Walks and writes an object's members, each against its field's rule (unknown ones are reported and copied).
fn walk_members<'de, 'f, A: MapAccess<'de>>(
    mut map: A,
    fields: &'f [Field],
    checks: &[Check],
    path: &Path<'_>,
    st: &mut State<'_>,
    mut top: Option<&mut Top<'_>>,
) -> Result<Members<'f>, A::Error> {
    let mut seen = Members { fields, present: FieldSet::default(), matched: FieldSet::default() };
    // An order call whose `external_id` the SDK claims: a caller's value that is not a string goes.
    let claimed = top.as_ref().is_some_and(|top| top.edits.external_id.is_some());
    while let Some(key) = map.next_key_seed(Key)? {
        let (member, before) = (st.len(), st.issues.len());
        st.write(b",");
        st.write_json(&*key);
        st.write(b":");
        let index = seen.position(&key);
        let field = index.and_then(|i| fields.get(i));
        let mut walk = match field {
            Some(field) => Walk::new(Some(&field.rule), Path::Key(path, field.name), st),
            None => {
                st.issue(&Path::Key(path, &key), fields.len(), Problem::UnknownField);
                Walk::new(None, Path::Root, st)
            }
        };
        walk.capture = top.is_some() && Top::reads(&key);
        walk.expect = checks.iter().find_map(|check| match check {
            Check::PresentExactlyWhen { field, value, .. } if *field == key => Some(*value),
            _ => None,
        });
        let value = map.next_value_seed(walk)?;
        if claimed && field.is_some() && key == "external_id" && value.text.is_none() {
            // This value goes; the claimed one is written at the end.
            st.issues.truncate(before);
            st.truncate(member);
            continue;
        }
        if let Some(i) = index {
            if !value.null {
                seen.present.insert(i);
            }
            if value.matched {
                seen.matched.insert(i);
            }
            st.rank_from(before, i);
        }
        if let Some(top) = top.as_deref_mut() {
            top.saw(&key, member..st.len(), value.text, value.len);
        }
    }
    if let Some(i) = seen.position("external_id").filter(|_| claimed) {
        seen.present.insert(i);
    }
    Ok(seen)
}

/// Where and why a check across an object's fields fails, if it does.
fn failed_check<'p>(check: &Check, seen: &Members<'_>, path: &'p Path<'p>) -> Option<(Path<'p>, Problem)> {
    match check {
        Check::AtLeastOneOf(names) if !names.iter().any(|n| seen.is_present(n)) => {
            Some((*path, Problem::AtLeastOneOf(names)))
        }
        Check::ExactlyOneOf(names) if names.iter().filter(|n| seen.is_present(n)).count() != 1 => {
            Some((*path, Problem::ExactlyOneOf(names)))
        }
        Check::Requires(field, needs) if seen.is_present(field) && !seen.is_present(needs) => {
            Some((Path::Key(path, needs), Problem::RequiredWith(field)))
        }
        Check::PresentExactlyWhen { field, value, needs } if seen.is_matched(field) != seen.is_present(needs) => {
            let problem = match seen.is_matched(field) {
                true => Problem::RequiredWhen(field, value),
                false => Problem::OnlyWhen(field, value),
            };
            Some((Path::Key(path, needs), problem))
        }
        _ => None,
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

/// The problems of a string under a rule about strings (the other rules are dispatched by the visitor).
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

// The entry points.

/// `true` when any issue stops the call.
pub fn has_errors(issues: &[ValidationIssue]) -> bool {
    issues.iter().any(|i| i.severity == Severity::Error)
}

/// Validates a path parameter: not blank, and not a value the URL would turn into another path (`.`, `..`, or
/// their percent-encoded forms: URL parsers remove such segments, so the request would go elsewhere).
pub fn path_param(name: &str, value: &str, settings: &Settings) -> Vec<ValidationIssue> {
    if value.trim().is_empty() {
        vec![settings.issue(name, Problem::Required)]
    } else if rules::is_dot_segment(value) {
        vec![settings.issue(name, Problem::DotSegment)]
    } else {
        Vec::new()
    }
}

/// Validates the JSON text of a body against a schema. Without a schema the call sends nothing: a missing body
/// (`null`) is fine, anything else is reported.
pub fn body(schema: Option<&Schema>, text: &str, settings: &Settings) -> Vec<ValidationIssue> {
    walk(schema, text, settings, Edits::default(), false).issues
}

/// Validates the JSON text of a body against a schema and writes the body to send: normalised values, `edits` made.
pub fn write(schema: Option<&Schema>, text: &str, settings: &Settings, edits: Edits<'_>) -> Walked {
    walk(schema, text, settings, edits, true)
}

/// Copies JSON text compactly, changed as `transform` says; `None` when the text is not JSON. The same walk as
/// validation, so the wasm holds one JSON reader.
pub fn transform(text: &str, transform: &dyn Transform) -> Option<String> {
    copy_with(text, transform)
}

// What the walk keeps as it goes.

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
enum Path<'a> {
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
struct State<'s> {
    pub settings: &'s Settings,
    pub issues: Vec<(usize, ValidationIssue)>,
    /// The body written so far; `None` when only validating.
    pub out: Option<Vec<u8>>,
    /// How values copied without a rule are changed (see [`Transform`]).
    pub rewrite: Option<&'s dyn Transform>,
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

    pub fn into_issues(self) -> Vec<ValidationIssue> {
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
struct Top<'e> {
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

// Numbers.

/// `value` written as a JSON number; `null` for NaN and the infinities, as `JSON.stringify` writes them.
#[cfg(target_arch = "wasm32")]
pub fn number_text(value: f64) -> String {
    js_sys::JSON::stringify(&wasm_bindgen::JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| "null".to_owned())
}

/// `value` written as a JSON number; `null` for NaN and the infinities, as `JSON.stringify` writes them.
#[cfg(not(target_arch = "wasm32"))]
pub fn number_text(value: f64) -> String {
    serde_json::Number::from_f64(value).map_or_else(|| "null".to_owned(), |n| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_json() {
        for (value, text) in [(1.5, "1.5"), (-0.25, "-0.25"), (0.1 + 0.2, "0.30000000000000004"), (f64::NAN, "null")] {
            assert_eq!(number_text(value), text);
        }
    }
}
