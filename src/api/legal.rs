//! Partner legal texts.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::{open_interfaces, OrNull};
use crate::shape::{described, opt, req, Shape};

/// Body of `getPartnerLegal` (inferred path `POST /partner/legal`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, Tsify)]
pub struct LegalRequest {
    /// Only this document type, e.g. `terms`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    #[tsify(optional)]
    pub kind: Option<String>,
}

/// A legal text for the partner's customers (inferred shape).
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
pub struct LegalDocument {
    /// e.g. `terms`, `privacy`, `distance-sales`.
    #[serde(rename = "type")]
    pub kind: String,
    #[tsify(optional)]
    pub title: OrNull<String>,
    #[tsify(optional)]
    pub version: OrNull<String>,
    #[tsify(optional)]
    pub url: OrNull<String>,
    #[tsify(optional)]
    pub content: OrNull<String>,
}

/// A list of [`LegalDocument`].
#[derive(Clone, Debug, Default, PartialEq, Tsify)]
#[tsify(type = "LegalDocument[]")]
pub struct LegalDocumentList(pub Vec<LegalDocument>);

// Response shapes, checked against the structs above by `api::tests`.

pub const LEGAL_DOCUMENT: Shape = Shape::Obj(&[
    req("type", Shape::Str),
    opt("title", Shape::Str),
    opt("version", Shape::Str),
    opt("url", Shape::Str),
    opt("content", Shape::Str),
]);

described!(LegalDocument => LEGAL_DOCUMENT);
described!(LegalDocumentList => Shape::Arr(&LEGAL_DOCUMENT));

open_interfaces!("LegalDocument");
