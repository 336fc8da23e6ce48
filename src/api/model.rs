//! One declaration per model. `models!` turns each request, response and list declaration into a marker type with
//! its TypeScript declaration (fields, optionality, docs), its response shape or request rule table, and one
//! typescript custom section per area module, so the `.d.ts`, the validator and the decoder read the same facts.
//!
//! ```ignore
//! models! {
//!     /// Body of `getOrderAlternative`: give at least one identifier.
//!     request GetOrderAlternativeRequest {
//!         opt guid: text(1, 64),
//!         /// Also push the order to your configured webhook.
//!         opt push_hook: bool,
//!     } checks [Check::AtLeastOneOf(&["guid"])];
//!
//!     /// One product line of an order.
//!     response OrderItem {
//!         req sku: str,
//!         opt amount: num,
//!     };
//!
//!     /// A list of [`OrderItem`].
//!     list OrderItems = OrderItem;
//! }
//! ```
//!
//! Fields are `req` (must be present and not `null`) or `opt` (may be missing; responses also accept `null`). Field
//! names are the wire names. A field without a doc comment gets one derived from its kind.
//!
//! Response kinds: `str`, `num`, `bool`, `record` (any object), `values(Set)` (an open value set), `lenient(Set)` (a
//! closed set, any other string accepted), `array(kind)`, or a response model's name.
//!
//! Request kinds: `external_id`, `person_name`, `middle_name`, `text(min, max)`, `email`, `phone`, `gender(Set)`,
//! `birthdate`, `date`, `tckn`, `vkn`, `bool`, `int(min, max)`, `metal`, `money`, `sku`, `token`, `card_number`,
//! `card_expiry`, `cvv`, `bin`, `ip`, `one_of(Set)`, `one_of["a", "b"]`, `suggest(Set)`, `payment(Card, Stored)`,
//! `object(Model)`, `array(min, max, Model)`; `… as Set` shows an open value set in TypeScript where any text passes.

use crate::validate::schema::{Check, Field, Rule, Schema};

/// A type declared in the `.d.ts`.
pub trait Declared {
    /// Its TypeScript name.
    const NAME: &'static str;
    /// Its TypeScript declaration, with docs.
    const DECLARATION: &'static str;
}

// The response shape table. Each response model writes one line (`Described::TABLE`); `api::SHAPES` joins them and
// the response reader (`src/js/http.js`, through `envelope.rs`) checks `data` against them. A line is a model's
// name, then one entry per field, space-separated: the wire name, `!` (required: present and not `null`) or `?`
// (optional: may be missing or `null`), and the field's kind: `s` a string, `n` a number (integers and fractions
// alike), `b` true or false, `*` anything (objects the docs do not describe), `[K` an array of kind K, or a response
// model's name (an object of that shape; fields it does not list are not checked). An operation's `data` is one such
// kind ([`DataShape`]). For example (shortened): `OrderItem sku?s amount?n total?n` and
// `Order guid!s order_code!s total?n items![OrderItem customer?OrderCustomer`.

/// The expected `data` of an operation.
#[derive(Debug)]
pub struct DataShape {
    /// Its kind (see the module docs).
    pub kind: &'static str,
    /// `data` may be `null` or missing.
    pub nullable: bool,
}

/// `data` of a raw request: anything, including nothing.
pub static ANY: DataShape = DataShape { kind: "*", nullable: true };

/// A response type: what the response reader checks (see `envelope.rs`).
pub trait Described: Declared {
    /// The kind a value of this type is checked as: the model's name, or `[Item` for a list.
    const KIND: &'static str;
    /// The model's line of the shape table; empty for a list or nullable form of another model.
    const TABLE: &'static str;
    /// The shape of `data` for an operation returning this type.
    const DATA: DataShape;
}

/// A request type: the rules the validator applies.
pub trait Request: Declared {
    const FIELDS: &'static [Field];
    const CHECKS: &'static [Check];
    const SCHEMA: Schema = Schema { fields: Self::FIELDS, checks: Self::CHECKS };
    const RULE: Rule = Rule::ObjectWith(Self::FIELDS, Self::CHECKS);
}

/// A set of string values declared once (see `values.rs`).
pub trait ValueSet: Declared {
    const VALUES: &'static [&'static str];
    /// Values outside the set are passed through (responses, suggestions).
    const OPEN: bool;
}

/// Declares the models of one area module (see the module docs).
macro_rules! models {
    (@items [$($done:ident)*] [$($responses:ident)*]) => {
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const TYPESCRIPT: &'static str =
            $crate::ts::cat!($(<$done as $crate::api::model::Declared>::DECLARATION),*);

        /// This module's lines of the response shape table (see `envelope.rs`).
        pub const SHAPES: &str = $crate::ts::cat!($(<$responses as $crate::api::model::Described>::TABLE),*);
    };

    (@items [$($done:ident)*] [$($responses:ident)*]
        $(#[doc = $doc:literal])+
        response $name:ident { $($fields:tt)* };
        $($rest:tt)*
    ) => {
        $crate::api::model::response!([$($doc),+] $name { $($fields)* });
        $crate::api::model::models!(@items [$($done)* $name] [$($responses)* $name] $($rest)*);
    };

    (@items [$($done:ident)*] [$($responses:ident)*]
        $(#[doc = $doc:literal])+
        request $name:ident { $($fields:tt)* } $(checks [$($check:expr),* $(,)?])?;
        $($rest:tt)*
    ) => {
        $crate::api::model::request!([$($doc),+] $name { $($fields)* } [$($($check),*)?]);
        $crate::api::model::models!(@items [$($done)* $name] [$($responses)*] $($rest)*);
    };

    (@items [$($done:ident)*] [$($responses:ident)*]
        $(#[doc = $doc:literal])+
        list $name:ident = $item:ident;
        $($rest:tt)*
    ) => {
        $crate::api::model::models!(@alias [$($doc),+] $name = $item, "[]",
            $crate::ts::cat!("[", <$item as $crate::api::model::Described>::KIND), false);
        $crate::api::model::models!(@items [$($done)* $name] [$($responses)*] $($rest)*);
    };

    (@items [$($done:ident)*] [$($responses:ident)*]
        $(#[doc = $doc:literal])+
        nullable $name:ident = $item:ident;
        $($rest:tt)*
    ) => {
        $crate::api::model::models!(@alias [$($doc),+] $name = $item, " | null",
            <$item as $crate::api::model::Described>::KIND, true);
        $crate::api::model::models!(@items [$($done)* $name] [$($responses)*] $($rest)*);
    };

    // A response type written in terms of another: a list of it, or it or `null`.
    (@alias [$($doc:literal),+] $name:ident = $item:ident, $suffix:literal, $kind:expr, $nullable:tt) => {
        $crate::api::model::declared!([$($doc),+] $name:
            "export type ", stringify!($name), " = ", <$item as $crate::api::model::Declared>::NAME, $suffix, ";\n");
        $crate::api::model::described!($name, $kind, "", $nullable);
    };

    ($($items:tt)*) => { $crate::api::model::models!(@items [] [] $($items)*); };
}
pub(crate) use models;

/// A marker type with its docs and its TypeScript declaration (the doc block, then `$text…`).
macro_rules! declared {
    ([$($doc:literal),+] $name:ident: $($text:expr),+ $(,)?) => {
        $(#[doc = $doc])+
        #[derive(Clone, Copy, Debug)]
        pub struct $name;
        impl $crate::api::model::Declared for $name {
            const NAME: &'static str = stringify!($name);
            const DECLARATION: &'static str =
                $crate::ts::cat!("\n", $crate::ts::doc_block!(""; $($doc),+), $($text),+);
        }
    };
}
pub(crate) use declared;

/// The kind and table line of a response type, and the shape of `data` for an operation returning it.
macro_rules! described {
    ($name:ident, $kind:expr, $table:expr, $nullable:tt) => {
        impl $crate::api::model::Described for $name {
            const KIND: &'static str = $kind;
            const TABLE: &'static str = $table;
            const DATA: $crate::api::model::DataShape =
                $crate::api::model::DataShape { kind: $kind, nullable: $nullable };
        }
    };
}
pub(crate) use described;

/// One response model: marker type, declaration (an open interface), shape.
macro_rules! response {
    ([$($doc:literal),+] $name:ident {
        $( $(#[doc = $fdoc:literal])* $presence:ident $field:tt : $kind:ident $(($($arg:tt)*))? ),* $(,)?
    }) => {
        $crate::api::model::declared!([$($doc),+] $name:
            "export interface ", stringify!($name), " {\n",
            $(
                $crate::api::model::field_doc!([$($fdoc),*]
                    $crate::api::model::response_doc!($presence $field $kind $(($($arg)*))?)),
                "    ", stringify!($field), $crate::api::model::response_ts!(@$presence
                    $crate::api::model::response_ts!($kind $(($($arg)*))?)), ";\n",
            )*
            "    /** Fields the docs do not list are kept as the server sent them. */\n",
            "    [field: string]: unknown;\n",
            "}\n"
        );
        $crate::api::model::described!($name, stringify!($name), $crate::ts::cat!(
            stringify!($name),
            $( " ", stringify!($field), $crate::api::model::presence_mark!($presence),
                $crate::api::model::response_kind!($kind $(($($arg)*))?), )*
            "\n"
        ), false);
    };
}
pub(crate) use response;

/// One request model: marker type, declaration (a closed interface), rule table.
macro_rules! request {
    ([$($doc:literal),+] $name:ident {
        $( $(#[doc = $fdoc:literal])* $presence:ident $field:tt : $kind:ident $(($($arg:tt)*))? $([$($value:literal),+])?
            $(as $shown:ident)? ),* $(,)?
    } [$($check:expr),*]) => {
        $crate::api::model::declared!([$($doc),+] $name:
            "export interface ", stringify!($name), " {\n",
            $(
                $crate::api::model::field_doc!([$($fdoc),*]
                    $crate::api::model::request_doc!($kind $(($($arg)*))?)),
                "    ", stringify!($field), $crate::api::model::optional_mark!($presence), ": ",
                $crate::api::model::request_ts!($kind $(($($arg)*))? $([$($value),+])? $(as $shown)?), ";\n",
            )*
            "}\n"
        );
        impl $crate::api::model::Request for $name {
            const FIELDS: &'static [$crate::validate::schema::Field] = &[
                $( $crate::validate::schema::Field {
                    name: stringify!($field),
                    required: $crate::api::model::required!($presence),
                    rule: $crate::api::model::request_rule!($kind $(($($arg)*))? $([$($value),+])?),
                } ),*
            ];
            const CHECKS: &'static [$crate::validate::schema::Check] = &[$($check),*];
        }
        // A TypeScript name shown instead of `string` must be an open set: the validator accepts any text there.
        $($( const _: () = assert!(<$shown as $crate::api::model::ValueSet>::OPEN); )?)*
    };
}
pub(crate) use request;

macro_rules! required {
    (req) => {
        true
    };
    (opt) => {
        false
    };
}
pub(crate) use required;

macro_rules! optional_mark {
    (req) => {
        ""
    };
    (opt) => {
        "?"
    };
}
pub(crate) use optional_mark;

/// The field's own doc lines, or the one derived from its kind.
macro_rules! field_doc {
    ([] $derived:expr) => {
        $crate::ts::cat!("    /** ", $derived, " */\n")
    };
    ([$($line:literal),+] $derived:expr) => {
        $crate::ts::doc_block!("    "; $($line),+)
    };
}
pub(crate) use field_doc;

/// `!` for a required response field, `?` for an optional one (see `envelope.rs`).
macro_rules! presence_mark {
    (req) => {
        "!"
    };
    (opt) => {
        "?"
    };
}
pub(crate) use presence_mark;

/// The kind of a response field in the shape table (see `envelope.rs`).
macro_rules! response_kind {
    (str) => { "s" };
    (num) => { "n" };
    (bool) => { "b" };
    (record) => { "*" };
    (values($set:ident)) => { "s" };
    (lenient($set:ident)) => { "s" };
    (array($($item:tt)*)) => { $crate::ts::cat!("[", $crate::api::model::response_kind!($($item)*)) };
    ($model:ident) => { <$model as $crate::api::model::Described>::KIND };
}
pub(crate) use response_kind;

macro_rules! response_ts {
    (@req $ts:expr) => { $crate::ts::cat!(": ", $ts) };
    (@opt $ts:expr) => { $crate::ts::cat!("?: ", $ts, " | null") };
    (str) => { "string" };
    (num) => { "number" };
    (bool) => { "boolean" };
    (record) => { "Record<string, unknown>" };
    (values($set:ident)) => { <$set as $crate::api::model::Declared>::NAME };
    (lenient($set:ident)) => { $crate::ts::cat!(<$set as $crate::api::model::Declared>::NAME, " | (string & {})") };
    (array($($item:tt)*)) => { $crate::ts::cat!($crate::api::model::response_ts!($($item)*), "[]") };
    ($model:ident) => { <$model as $crate::api::model::Declared>::NAME };
}
pub(crate) use response_ts;

/// The doc of an undocumented response field.
macro_rules! response_doc {
    (req $field:tt $($kind:tt)*) => {
        $crate::ts::cat!("`", stringify!($field), "` as the API sends it.")
    };
    (opt $field:tt $($kind:tt)*) => {
        $crate::ts::cat!("`", stringify!($field), "` as the API sends it; missing or `null` when it has none.")
    };
}
pub(crate) use response_doc;

macro_rules! request_rule {
    (external_id) => { $crate::validate::schema::Rule::ExternalId };
    (person_name) => { $crate::validate::schema::Rule::PersonName };
    (middle_name) => { $crate::validate::schema::Rule::MiddleName };
    (text($min:literal, $max:literal)) => { $crate::validate::schema::Rule::Text { min: $min, max: $max } };
    (email) => { $crate::validate::schema::Rule::Email };
    (phone) => { $crate::validate::schema::Rule::Phone };
    (gender($set:ident)) => { $crate::validate::schema::Rule::Gender(<$set as $crate::api::model::ValueSet>::VALUES) };
    (birthdate) => { $crate::validate::schema::Rule::Birthdate };
    (date) => { $crate::validate::schema::Rule::Date };
    (tckn) => { $crate::validate::schema::Rule::Tckn };
    (vkn) => { $crate::validate::schema::Rule::Vkn };
    (bool) => { $crate::validate::schema::Rule::Bool };
    (int($min:literal, $max:literal)) => { $crate::validate::schema::Rule::Integer { min: $min, max: $max } };
    (metal) => { $crate::validate::schema::Rule::Metal };
    (money) => { $crate::validate::schema::Rule::Money };
    (sku) => { $crate::validate::schema::Rule::Sku };
    (token) => { $crate::validate::schema::Rule::Token };
    (card_number) => { $crate::validate::schema::Rule::CardNumber };
    (card_expiry) => { $crate::validate::schema::Rule::CardExpiry };
    (cvv) => { $crate::validate::schema::Rule::Cvv };
    (bin) => { $crate::validate::schema::Rule::Bin };
    (ip) => { $crate::validate::schema::Rule::Ip };
    (one_of($set:ident)) => {
        $crate::validate::schema::Rule::OneOf(<$set as $crate::api::model::ValueSet>::VALUES)
    };
    (one_of[$($value:literal),+]) => { $crate::validate::schema::Rule::OneOf(&[$($value),+]) };
    (suggest($set:ident)) => {
        $crate::validate::schema::Rule::Suggest(<$set as $crate::api::model::ValueSet>::VALUES)
    };
    (payment($card:ident, $stored:ident)) => {
        $crate::validate::schema::Rule::Payment {
            card: <$card as $crate::api::model::Request>::FIELDS,
            stored: <$stored as $crate::api::model::Request>::FIELDS,
        }
    };
    (object($model:ident)) => { <$model as $crate::api::model::Request>::RULE };
    (array($min:literal, $max:literal, $model:ident)) => {
        $crate::validate::schema::Rule::Array {
            min: $min,
            max: $max,
            item: &<$model as $crate::api::model::Request>::RULE,
        }
    };
}
pub(crate) use request_rule;

macro_rules! request_ts {
    ($kind:ident $(($($arg:tt)*))? $([$($value:literal),+])? as $shown:ident) => {
        <$shown as $crate::api::model::Declared>::NAME
    };
    (gender($set:ident)) => { <$set as $crate::api::model::Declared>::NAME };
    (bool) => { "boolean" };
    (int($($arg:tt)*)) => { "number" };
    (metal) => { "number" };
    (money) => { "number" };
    (one_of($set:ident)) => { <$set as $crate::api::model::Declared>::NAME };
    (one_of[$($value:literal),+]) => { $crate::ts::union!($($value),+) };
    (suggest($set:ident)) => { <$set as $crate::api::model::Declared>::NAME };
    (payment($card:ident, $stored:ident)) => {
        $crate::ts::cat!(<$card as $crate::api::model::Declared>::NAME, " | ", <$stored as $crate::api::model::Declared>::NAME)
    };
    (object($model:ident)) => { <$model as $crate::api::model::Declared>::NAME };
    (array($min:literal, $max:literal, $model:ident)) => {
        $crate::ts::cat!(<$model as $crate::api::model::Declared>::NAME, "[]")
    };
    ($kind:ident $(($($arg:tt)*))?) => { "string" };
}
pub(crate) use request_ts;

/// The doc of an undocumented request field: what the validator accepts.
macro_rules! request_doc {
    (external_id) => {
        "An id of 3–40 characters of `A-Z a-z 0-9 - _`."
    };
    (person_name) => {
        "3–40 letters (spaces, `'`, `.` and `-` allowed)."
    };
    (middle_name) => {
        "Empty, or 3–40 letters."
    };
    (text($min:literal, $max:literal)) => {
        $crate::ts::cat!(stringify!($min), "–", stringify!($max), " characters.")
    };
    (email) => {
        "An e-mail address."
    };
    (phone) => {
        "E.164 (`+905321234567`); Turkish national forms (`0532…`) are normalised before sending."
    };
    (gender($set:ident)) => {
        "One of the values its type lists."
    };
    (birthdate) => {
        "`YYYY-MM-DD`, in the past."
    };
    (date) => {
        "`YYYY-MM-DD`."
    };
    (tckn) => {
        "T.C. identity number (TCKN): 11 digits, not starting with 0."
    };
    (vkn) => {
        "Tax number (VKN): 10 digits."
    };
    (bool) => {
        "`true` or `false`."
    };
    (int($min:literal, $max:literal)) => {
        $crate::ts::cat!("A whole number from ", stringify!($min), " to ", stringify!($max), ".")
    };
    (metal) => {
        "Grams: positive, at most 4 decimals."
    };
    (money) => {
        "Money: positive, at most 2 decimals."
    };
    (sku) => {
        "Product code, e.g. `GAU` (gold), `GAG` (silver), `GPT` (platinum)."
    };
    (token) => {
        "An opaque token without spaces. Never logged."
    };
    (card_number) => {
        "12–19 digits passing the Luhn check (spaces and dashes are removed before sending). Never logged."
    };
    (card_expiry) => {
        "`MM/YY`, not in the past."
    };
    (cvv) => {
        "The 3 or 4 digits on the card. Never logged."
    };
    (bin) => {
        "The card's first 6–8 digits."
    };
    (ip) => {
        "An IPv4 or IPv6 address."
    };
    (one_of $($rest:tt)*) => {
        "One of the values its type lists."
    };
    (suggest $($rest:tt)*) => {
        "Usually one of the values its type lists; other values are sent with a warning."
    };
    (payment($card:ident, $stored:ident)) => {
        "The card to charge: a card number, or a stored card's token."
    };
    (object($model:ident)) => {
        $crate::ts::cat!("See `", <$model as $crate::api::model::Declared>::NAME, "`.")
    };
    (array($min:literal, $max:literal, $model:ident)) => {
        $crate::ts::cat!(stringify!($min), "–", stringify!($max), " entries.")
    };
}
pub(crate) use request_doc;
