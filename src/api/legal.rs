//! Partner legal texts.

use super::model::models;

models! {
    /// Body of `getPartnerLegal` (inferred path `POST /partner/legal`).
    request LegalRequest {
        /// Only this document type, e.g. `terms`.
        opt type: text(1, 40),
    };

    /// A legal text for the partner's customers (inferred shape).
    response LegalDocument {
        /// e.g. `terms`, `privacy`, `distance-sales`.
        req type: str,
        opt title: str,
        opt version: str,
        opt url: str,
        opt content: str,
    };

    /// A list of [`LegalDocument`].
    list LegalDocumentList = LegalDocument;
}
