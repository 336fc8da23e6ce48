//! `POST /partner/legal`: the partner's legal texts (terms of use, privacy notice, distance sales contract) in the
//! caller's language.

use serde_json::{json, Value};

use super::call::{Call, Route};
use crate::envelope::{ok, Failure, Reply};
use crate::lang::Lang;
use crate::messages::Msg;
use crate::validate::Fields;

const VERSION: &str = "2026-01";

/// (type, Turkish title, English title, Turkish text, English text).
const DOCUMENTS: [(&str, &str, &str, &str, &str); 3] = [
    (
        "terms",
        "Kullanım koşulları",
        "Terms of use",
        "Bu koşullar, Minted Connect üzerinden sunulan dijital değerli maden hizmetlerinin kullanımını düzenler. \
         Sandbox ortamındaki işlemler gerçek değildir.",
        "These terms govern the use of the digital precious metal services offered through Minted Connect. \
         Transactions in the sandbox are not real.",
    ),
    (
        "privacy",
        "Gizlilik bildirimi",
        "Privacy notice",
        "Kişisel verileriniz yalnızca hizmetin sunulması amacıyla işlenir. Sandbox ortamı gerçek kişisel veri \
         saklamaz.",
        "Your personal data is processed only to provide the service. The sandbox keeps no real personal data.",
    ),
    (
        "distance-sales",
        "Mesafeli satış sözleşmesi",
        "Distance sales contract",
        "Bu sözleşme, fiziki teslimat siparişlerinde alıcı ve satıcının hak ve yükümlülüklerini düzenler.",
        "This contract sets out the rights and obligations of buyer and seller for physical delivery orders.",
    ),
];

pub const ROUTES: &[Route] = &[Route::new("POST", "/partner/legal", legal)];

/// `getPartnerLegal`: every document, or only the one of `type` (404 for an unknown type).
fn legal(call: &mut Call<'_>) -> Reply {
    let (lang, body) = (call.lang, call.body()?);
    let wanted = Fields(&body).string("type")?.filter(|kind| !kind.is_empty());
    let documents: Vec<Value> = DOCUMENTS
        .iter()
        .filter(|(kind, ..)| wanted.is_none_or(|wanted| wanted == *kind))
        .map(|(kind, title_tr, title_en, text_tr, text_en)| {
            let language = if lang == Lang::En { "en" } else { "tr" };
            json!({
                "type": kind,
                "title": lang.pick(*title_tr, *title_en),
                "version": VERSION,
                "url": format!("https://legal.example/{language}/{kind}"),
                "content": lang.pick(*text_tr, *text_en),
            })
        })
        .collect();
    if documents.is_empty() {
        return Err(Failure::not_found(Msg::LegalTypeNotFound));
    }
    ok(documents)
}
